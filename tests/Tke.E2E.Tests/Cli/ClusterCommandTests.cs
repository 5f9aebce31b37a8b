using System.Net;
using System.Net.Sockets;
using Tke.E2E.Tests.Clusters;
using Tke.E2E.Tests.Hosting;
using Tke.E2E.Tests.Kubectl;

namespace Tke.E2E.Tests.Cli;

/// <summary>`tke cluster import`, `tke cluster list` and `tke kubeconfig` against a platform and a simulated cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterCommandTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(30);

    private string PlatformKubeconfig => fixture.Server.KubeconfigPath;

    private string SimKubeconfig => Path.Combine(fixture.Sim.DataDir, "admin.kubeconfig");

    [Fact]
    public async Task An_imported_cluster_prints_its_ID_and_is_listed_Running_with_its_version()
    {
        var id = await ImportAsync("demo");

        var row = await WaitForListRowAsync(id, l => l.Contains("Running", StringComparison.Ordinal));
        var facts = await DirectClusterFacts.ReadAsync(fixture.Target);
        Assert.Matches($@"^{id}\s+demo\s+Imported\s+v\d+\.\d+\S*\s+Running\s+{facts.ReadyNodes}/{facts.Nodes}\s+\d+s$", row);

        var (_, cluster) = await fixture.Api.GetAsync($"{PlatformClusterApi.Clusters}/{id}");
        Assert.Equal(fixture.Target.Host, (string?)cluster?["status"]?["addresses"]?[0]?["host"]);
        Assert.Equal(fixture.Target.Port, (int?)cluster?["status"]?["addresses"]?[0]?["port"]);
        Assert.StartsWith("cc-", (string?)cluster?["spec"]?["clusterCredentialRef"]?["name"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_context_that_does_not_exist_is_refused_before_anything_is_created()
    {
        var before = await CredentialNamesAsync();

        var (code, stdout, stderr) = await RunImportAsync("--name", "no-context", "--cluster-kubeconfig", SimKubeconfig, "--context", "no-such-context");

        AssertOneLineError("tke cluster import", code, stderr);
        Assert.Contains("context \"no-such-context\"", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
        Assert.Equal(before, await CredentialNamesAsync());
    }

    [Fact]
    public async Task A_kubeconfig_with_an_exec_plugin_is_refused()
    {
        var path = Path.Combine(fixture.WorkDir, $"exec-{Guid.NewGuid():N}.kubeconfig");
        await File.WriteAllTextAsync(path, $"""
            apiVersion: v1
            kind: Config
            current-context: cloud
            clusters:
            - name: cloud
              cluster:
                server: https://127.0.0.1:{fixture.Sim.Port}
            users:
            - name: cloud
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: get-token
            contexts:
            - name: cloud
              context:
                cluster: cloud
                user: cloud
            """);

        var (code, _, stderr) = await RunImportAsync("--name", "exec", "--cluster-kubeconfig", path);

        AssertOneLineError("tke cluster import", code, stderr);
        Assert.Contains("exec credential plugin", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_cluster_is_refused_with_the_servers_reason_and_its_credential_is_removed()
    {
        var port = ClosedPort();
        var path = Path.Combine(fixture.WorkDir, $"unreachable-{Guid.NewGuid():N}.kubeconfig");
        var text = await File.ReadAllTextAsync(SimKubeconfig);
        var moved = text.Replace($"127.0.0.1:{fixture.Sim.Port}", $"127.0.0.1:{port}", StringComparison.Ordinal);
        Assert.NotEqual(text, moved);
        await File.WriteAllTextAsync(path, moved);
        var before = await CredentialNamesAsync();

        var (code, stdout, stderr) = await RunImportAsync("--name", "unreachable", "--cluster-kubeconfig", path);

        AssertOneLineError("tke cluster import", code, stderr);
        Assert.StartsWith("tke cluster import: 422 ", stderr, StringComparison.Ordinal);
        Assert.Contains("cannot reach", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
        Assert.Equal(before, await CredentialNamesAsync());
    }

    [Fact]
    public async Task A_display_name_over_60_characters_is_refused_locally()
    {
        var (code, _, stderr) = await RunImportAsync("--name", new string('x', 61), "--cluster-kubeconfig", SimKubeconfig);

        AssertOneLineError("tke cluster import", code, stderr);
        Assert.Contains("--name", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubeconfig_prints_a_kubeconfig_that_reaches_the_cluster_through_the_platform()
    {
        var id = await ImportAsync("kubeconfig");
        await WaitForListRowAsync(id, l => l.Contains("Running", StringComparison.Ordinal));

        var (code, stdout, stderr) = await TkeCommand.RunAsync("kubeconfig", "--cluster", id, "--kubeconfig", PlatformKubeconfig);

        Assert.True(code == 0, $"{stderr}\n{fixture.Server.Output.Tail()}");
        Assert.Contains("kind: Config", stdout, StringComparison.Ordinal);
        Assert.Contains($"/clusters/{id}/proxy", stdout, StringComparison.Ordinal);
        Assert.Contains(fixture.Server.Token, stdout, StringComparison.Ordinal);

        var path = Path.Combine(fixture.WorkDir, $"printed-{Guid.NewGuid():N}.kubeconfig");
        await File.WriteAllTextAsync(path, stdout);
        var nodes = await Kubectl(path).RunAsync("get", "nodes", "-o", "name");
        Assert.True(nodes.ExitCode == 0, $"{nodes}\n{fixture.Server.Output.Tail()}");
        Assert.Equal((await DirectClusterFacts.ReadAsync(fixture.Target)).Nodes, nodes.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Kubeconfig_output_writes_an_owner_only_file()
    {
        var id = await ImportAsync("kubeconfig-output");
        var path = Path.Combine(fixture.WorkDir, $"output-{Guid.NewGuid():N}", "cluster.kubeconfig");

        var (code, stdout, stderr) = await TkeCommand.RunAsync("kubeconfig", "--cluster", id, "--output", path, "--kubeconfig", PlatformKubeconfig);

        Assert.True(code == 0, stderr);
        Assert.Equal("", stdout);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Contains($"/clusters/{id}/proxy", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubeconfig_merge_adds_the_cluster_context_and_keeps_the_current_one()
    {
        var id = await ImportAsync("kubeconfig-merge");
        var path = Path.Combine(fixture.WorkDir, $"merged-{Guid.NewGuid():N}.kubeconfig");
        File.Copy(PlatformKubeconfig, path);
        var current = (await Kubectl(path).RunAsync("config", "current-context")).Stdout.Trim();

        var (code, _, stderr) = await TkeCommand.RunAsync("kubeconfig", "--cluster", id, "--merge", "--kubeconfig", path);

        Assert.True(code == 0, stderr);
        Assert.Contains($"--context {id}", stderr, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var contexts = await Kubectl(path).RunAsync("config", "get-contexts", "-o", "name");
        Assert.Contains(id, contexts.Stdout.Split('\n', StringSplitOptions.TrimEntries));
        Assert.Contains(current, contexts.Stdout.Split('\n', StringSplitOptions.TrimEntries));
        Assert.Equal(current, (await Kubectl(path).RunAsync("config", "current-context")).Stdout.Trim());
        // The platform credentials still work from the merged file.
        Assert.Equal(0, (await TkeCommand.RunAsync("cluster", "list", "--kubeconfig", path)).Code);
    }

    [Fact]
    public async Task Kubeconfig_for_an_unknown_cluster_is_a_clean_404()
    {
        var (code, stdout, stderr) = await TkeCommand.RunAsync("kubeconfig", "--cluster", "cls-nosuchxx", "--kubeconfig", PlatformKubeconfig);

        AssertOneLineError("tke kubeconfig", code, stderr);
        Assert.StartsWith("tke kubeconfig: 404 ", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task Kubeconfig_refuses_output_and_merge_together()
    {
        var (code, _, stderr) = await TkeCommand.RunAsync("kubeconfig", "--cluster", "cls-whatever", "--output", "x", "--merge", "--kubeconfig", PlatformKubeconfig);

        AssertOneLineError("tke kubeconfig", code, stderr);
        Assert.Contains("--output and --merge", stderr, StringComparison.Ordinal);
    }

    private KubectlRunner Kubectl(string kubeconfig) =>
        new(kubeconfig, Path.Combine(fixture.Sim.DataDir, "kubectl-cache"), fixture.Server.Output);

    private Task<(int Code, string Out, string Err)> RunImportAsync(params string[] args) =>
        TkeCommand.RunAsync(["cluster", "import", .. args, "--kubeconfig", PlatformKubeconfig], stdin: null);

    private async Task<string> ImportAsync(string displayName)
    {
        var (code, stdout, stderr) = await RunImportAsync("--name", displayName, "--cluster-kubeconfig", fixture.Target.AdminKubeconfigPath);
        Assert.True(code == 0, $"import exited {code}: {stderr}\n{fixture.Server.Output.Tail()}");
        var id = stdout.Trim();
        Assert.Matches("^cls-[a-z0-9]+$", id);
        return id;
    }

    private async Task<string> WaitForListRowAsync(string id, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + Soon;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            var (code, stdout, stderr) = await TkeCommand.RunAsync("cluster", "list", "--kubeconfig", PlatformKubeconfig);
            Assert.True(code == 0, stderr);
            var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Matches(@"^NAME\s+DISPLAY NAME\s+TYPE\s+VERSION\s+STATUS\s+NODES\s+AGE$", lines[0]);
            last = lines.FirstOrDefault(l => l.StartsWith(id + " ", StringComparison.Ordinal)) ?? "";
            if (last.Length > 0 && done(last))
            {
                return last;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"`tke cluster list` did not show {id} as wanted within {Soon}; last row: \"{last}\"\n{fixture.Server.Output.Tail()}");
    }

    private async Task<List<string>> CredentialNamesAsync()
    {
        var (code, body) = await fixture.Api.GetAsync(PlatformClusterApi.Credentials);
        Assert.Equal(200, code);
        return [.. body!["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!).Order(StringComparer.Ordinal)];
    }

    private static void AssertOneLineError(string command, int code, string stderr)
    {
        Assert.True(code == 1, $"expected exit 1, got {code}: {stderr}");
        Assert.StartsWith(command + ": ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', stderr.TrimEnd());
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    /// <summary>A port nothing listens on: bound, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

using System.Text.RegularExpressions;
using Tke.E2E.Tests.Auth;
using Tke.E2E.Tests.Kubectl;

namespace Tke.E2E.Tests.Clusters;

/// <summary>
/// Streams through the cluster proxy with the real kubectl and a downloaded kubeconfig: followed
/// logs, exec and port-forward (connection upgrades relayed byte for byte to the cluster).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed partial class ClusterProxyStreamingTests(ClusterFixture fixture) : IAsyncLifetime
{
    private readonly string _workDir = Directory.CreateTempSubdirectory("tke-e2e-streaming-").FullName;
    private readonly string _namespace = "st-" + Guid.NewGuid().ToString("N")[..8];
    private KubectlRunner _kubectl = null!;
    private string _cluster = "";

    public async Task InitializeAsync()
    {
        var cluster = await ProxiedCluster.ImportSimulatedAsync(fixture);
        _cluster = cluster.Name;
        using var response = await fixture.Server.Http.GetAsync(cluster.KubeconfigPath);
        var yaml = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, yaml);
        var kubeconfig = Path.Combine(_workDir, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, yaml);
        _kubectl = new KubectlRunner(kubeconfig, Path.Combine(_workDir, "cache"), fixture.Server.Output);
        (await _kubectl.RunAsync("create", "namespace", _namespace)).EnsureSuccess();
        (await _kubectl.RunWithInputAsync(Pod, "apply", "-f", "-")).EnsureSuccess();
        // Every request bounded and logged (-v=6): a request that never completes fails with its URL
        // instead of outliving the wait's own timeout, which covers only the waiting.
        var wait = await _kubectl.RunAsync(
            ["wait", "-n", _namespace, "pod/web", "--for=jsonpath={.status.phase}=Running", "--timeout=45s", "--request-timeout=50s", "-v=6"],
            stdin: null,
            environment: null,
            timeout: TimeSpan.FromMinutes(3));
        if (!wait.Succeeded)
        {
            // What the cluster itself says, read directly: tells a pod that never ran from a watch that never arrived.
            var direct = new KubectlRunner(fixture.Sim.AdminKubeconfigPath, Path.Combine(_workDir, "direct-cache"), fixture.Sim.Output);
            var pod = await direct.RunAsync("get", "pod", "web", "-n", _namespace, "-o", "yaml");
            throw new Xunit.Sdk.XunitException($"{wait}\n--- the pod, read directly from the cluster:\n{pod.Stdout}{pod.Stderr}\n--- cluster log:\n{fixture.Sim.Output.Tail()}");
        }
    }

    [Fact]
    public async Task Exec_runs_through_the_platform_with_output_stdin_and_exit_codes()
    {
        var echo = (await _kubectl.RunAsync("exec", "-n", _namespace, "web", "--", "echo", "through", "the", "platform")).EnsureSuccess();
        Assert.Equal("through the platform", echo.Stdout.Trim());

        var cat = (await _kubectl.RunWithInputAsync("line one\nline two\n", "exec", "-i", "-n", _namespace, "web", "--", "cat")).EnsureSuccess();
        Assert.Equal("line one\nline two", cat.Stdout.Trim());

        var failing = await _kubectl.RunAsync("exec", "-n", _namespace, "web", "--", "false");
        Assert.Equal(1, failing.ExitCode);

        var missing = await _kubectl.RunAsync("exec", "-n", _namespace, "web", "--", "no-such-command");
        Assert.Equal(127, missing.ExitCode);
    }

    [Fact]
    public async Task Exec_over_the_SPDY_fallback_is_relayed_too()
    {
        var spdy = new Dictionary<string, string> { ["KUBECTL_REMOTE_COMMAND_WEBSOCKETS"] = "false" };
        var echo = (await _kubectl.RunAsync(["exec", "-n", _namespace, "web", "--", "echo", "over", "spdy"], stdin: null, spdy)).EnsureSuccess();
        Assert.Equal("over spdy", echo.Stdout.Trim());
    }

    [Fact]
    public async Task A_user_whose_policy_only_reads_the_cluster_cannot_open_an_exec_session()
    {
        var auth = new AuthApi(fixture.Server);
        var username = AuthManifests.UniqueName("pxexec");
        await auth.CreateUserAsync(username, "ProxyExec12345");
        var policy = AuthManifests.UniqueName("pol-px-read");
        (await auth.Policies().CreateAsync(AuthManifests.Policy(policy, ["get*", "list*"], [$"cluster:{_cluster}/*"]))).Expect(201);
        await auth.BindAsync(policy, username);
        using var user = await auth.LogInAsync(username, "ProxyExec12345");
        // The cluster authorizes the impersonated user with its own RBAC: its operator lets it read there.
        await fixture.Sim.GrantAsync(username, "view", _namespace, "list", "pods");

        // A WebSocket handshake as kubectl sends it; the platform answers before any upgrade.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/{_namespace}/pods/web/exec?command=echo&command=x&stdout=true")
        {
            Version = System.Net.HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Add("X-TKE-ClusterName", _cluster);
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Add(new System.Net.Http.Headers.ProductHeaderValue("websocket"));
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
        request.Headers.Add("Sec-WebSocket-Protocol", "v5.channel.k8s.io");
        var (code, status) = await ProxiedCluster.SendAsync(user, request);

        Assert.True(code == 403, $"exec answered {code}: {status?.ToJsonString()}");
        Assert.Contains("cannot create resource \"pods\"", (string?)status!["message"], StringComparison.Ordinal);
        // Reading is still allowed: the refusal was about exec, not the cluster.
        var (listCode, listed) = await ProxiedCluster.SendAsync(user, new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/{_namespace}/pods") { Headers = { { "X-TKE-ClusterName", _cluster } } });
        Assert.True(listCode != 403, listed?.ToJsonString());
    }

    [Fact]
    public async Task A_refused_upgrade_reaches_kubectl_as_the_clusters_error()
    {
        var result = (await _kubectl.RunAsync("exec", "-n", _namespace, "nope", "--", "echo", "x")).EnsureFailure();
        Assert.Contains("pods \"nope\" not found", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Followed_logs_stream_new_lines_as_they_are_written()
    {
        await using var logs = _kubectl.Start("logs", "-f", "-n", _namespace, "web");
        var first = await logs.WaitForLineAsync(_ => true, "a first log line", TimeSpan.FromSeconds(30));
        var later = await logs.WaitForLineAsync(line => line != first, "a line written after the stream opened", TimeSpan.FromSeconds(30));
        Assert.NotEqual(first, later);
    }

    [Fact]
    public async Task Port_forward_reaches_the_pods_port_through_the_platform()
    {
        await using var forward = _kubectl.Start("port-forward", "-n", _namespace, "pod/web", ":80");
        var line = await forward.WaitForLineAsync(l => ForwardingLine().IsMatch(l), "the Forwarding from line", TimeSpan.FromSeconds(30));
        var port = int.Parse(ForwardingLine().Match(line).Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var first = await http.GetStringAsync($"http://127.0.0.1:{port}/");
        var second = await http.GetStringAsync($"http://127.0.0.1:{port}/again");
        Assert.Contains("web", first, StringComparison.Ordinal);
        Assert.Contains("80", second, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await _kubectl.RunAsync("delete", "namespace", _namespace, "--wait=false");
        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; cleanup must not fail a test run.
        }
    }

    private string Pod => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          namespace: {_namespace}
        spec:
          containers:
          - name: web
            image: nginx:1.27
            ports:
            - containerPort: 80
        """;

    [GeneratedRegex(@"Forwarding from 127\.0\.0\.1:(?<port>\d+) -> 80")]
    private static partial Regex ForwardingLine();
}

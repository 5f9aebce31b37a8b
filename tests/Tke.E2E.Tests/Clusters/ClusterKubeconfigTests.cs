using Tke.E2E.Tests.Kubectl;

namespace Tke.E2E.Tests.Clusters;

/// <summary>The per-user kubeconfig: the real kubectl reaches the cluster through the platform's proxy.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterKubeconfigTests(ClusterFixture fixture) : IDisposable
{
    private readonly string _workDir = Directory.CreateTempSubdirectory("tke-e2e-kubeconfig-").FullName;

    [Fact]
    public async Task The_downloaded_kubeconfig_drives_kubectl_through_the_proxy()
    {
        var cluster = await ProxiedCluster.ImportAsync(fixture);
        using var response = await fixture.Server.Http.GetAsync(cluster.KubeconfigPath);
        var yaml = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"kubeconfig answered {(int)response.StatusCode}: {yaml}");
        Assert.Equal("application/yaml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"/apis/platform.tkestack.io/v1/clusters/{cluster.Name}/proxy", yaml, StringComparison.Ordinal);
        Assert.Contains($"current-context: \"{cluster.Name}\"", yaml, StringComparison.Ordinal);
        var kubeconfig = Path.Combine(_workDir, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, yaml);
        var kubectl = new KubectlRunner(kubeconfig, Path.Combine(_workDir, "cache"), fixture.Server.Output);

        var nodes = (await kubectl.RunAsync("get", "nodes", "--no-headers")).EnsureSuccess();
        Assert.Equal((await DirectClusterFacts.ReadAsync(fixture.Target)).Nodes, nodes.Lines.Count);

        var ns = "px-" + Guid.NewGuid().ToString("N")[..8];
        (await kubectl.RunAsync("create", "namespace", ns)).EnsureSuccess();
        await using var watch = kubectl.Start("get", "pods", "-n", ns, "-w", "--no-headers");
        (await kubectl.RunWithInputAsync(Deployment("web", ns), "apply", "-f", "-")).EnsureSuccess();
        (await kubectl.RunAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=90s")).EnsureSuccess();

        // The watch started before the Deployment existed, so its pods can only have come as events.
        await watch.WaitForLineAsync(line => line.StartsWith("web-", StringComparison.Ordinal), "a pod of the Deployment", TimeSpan.FromSeconds(60));
        var pods = (await kubectl.RunAsync("get", "pods", "-n", ns, "--no-headers")).EnsureSuccess();
        Assert.Equal(2, pods.Lines.Count(l => l.StartsWith("web-", StringComparison.Ordinal)));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; cleanup must not fail a test run.
        }
    }

    private static string Deployment(string name, string ns) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
            spec:
              containers:
              - name: web
                image: nginx:1.27
        """;
}

using System.Text.Json.Nodes;

namespace Tke.SimCluster.Tests.EndToEnd;

/// <summary>
/// kubectl's typed commands (`kubectl create deployment|namespace|configmap|secret|job|service`,
/// and `kubectl drain`'s pod deletions) send their bodies as Kubernetes protobuf, not JSON, and do
/// not fall back; the simulated cluster must take them as they are.
/// </summary>
public sealed class KubectlTypedCommandsTests(SimClusterProcess cluster) : IClassFixture<SimClusterProcess>
{
    [Fact]
    public async Task Create_namespace_and_a_configmap_in_it()
    {
        Assert.Contains("namespace/team-a created", (await cluster.KubectlAsync("create", "namespace", "team-a")).Succeeded().Stdout);
        Assert.Contains("configmap/c created", (await cluster.KubectlAsync("create", "configmap", "c", "--from-literal=a=b", "-n", "team-a")).Succeeded().Stdout);

        var ns = await GetJsonAsync("namespace", "team-a");
        Assert.Equal("Active", ns["status"]!["phase"]!.GetValue<string>());
        var configMap = await GetJsonAsync("configmap", "c", "-n", "team-a");
        Assert.Equal("b", configMap["data"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_secret_generic_keeps_the_bytes()
    {
        Assert.Contains("secret/s created", (await cluster.KubectlAsync("create", "secret", "generic", "s", "--from-literal=p=q")).Succeeded().Stdout);

        var secret = await GetJsonAsync("secret", "s");
        Assert.Equal("cQ==", secret["data"]!["p"]!.GetValue<string>()); // base64 of "q"
        Assert.Equal("Opaque", secret["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_deployment_keeps_replicas_and_image_and_is_defaulted()
    {
        Assert.Contains("deployment.apps/web created", (await cluster.KubectlAsync("create", "deployment", "web", "--image=nginx", "--replicas=2")).Succeeded().Stdout);

        var deployment = await GetJsonAsync("deployment", "web");
        Assert.Equal(2, deployment["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal("web", deployment["spec"]!["selector"]!["matchLabels"]!["app"]!.GetValue<string>());
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("nginx", container["image"]!.GetValue<string>());
        Assert.Equal("RollingUpdate", deployment["spec"]!["strategy"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_explicit_zero_replica_count_is_kept()
    {
        // replicas is a pointer in Go: protobuf carries the 0, which must not fall back to the default of 1.
        (await cluster.KubectlAsync("create", "deployment", "idle", "--image=nginx", "--replicas=0")).Succeeded();
        Assert.Equal(0, (await GetJsonAsync("deployment", "idle"))["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Create_job_keeps_the_image_and_restart_policy()
    {
        Assert.Contains("job.batch/j created", (await cluster.KubectlAsync("create", "job", "j", "--image=busybox")).Succeeded().Stdout);

        var spec = (await GetJsonAsync("job", "j"))["spec"]!["template"]!["spec"]!;
        Assert.Equal("busybox", spec["containers"]![0]!["image"]!.GetValue<string>());
        Assert.Equal("Never", spec["restartPolicy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_service_clusterip_keeps_the_ports()
    {
        Assert.Contains("service/svc created", (await cluster.KubectlAsync("create", "service", "clusterip", "svc", "--tcp=80:8080")).Succeeded().Stdout);

        var service = await GetJsonAsync("service", "svc");
        var port = service["spec"]!["ports"]![0]!;
        Assert.Equal(80, port["port"]!.GetValue<int>());
        Assert.Equal(8080, port["targetPort"]!.GetValue<int>());
        Assert.Equal("TCP", port["protocol"]!.GetValue<string>());
        Assert.Equal("ClusterIP", service["spec"]!["type"]!.GetValue<string>());
        Assert.StartsWith("10.96.", service["spec"]!["clusterIP"]!.GetValue<string>());
    }

    [Fact]
    public async Task Drain_without_eviction_deletes_pods_with_protobuf_delete_options()
    {
        const string pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pinned\nspec:\n  nodeName: sim-node-3\n  containers:\n  - name: c\n    image: nginx\n";
        (await cluster.KubectlWithInputAsync(pod, "apply", "-f", "-")).Succeeded();
        try
        {
            var drained = (await cluster.KubectlAsync("drain", "sim-node-3", "--disable-eviction", "--force", "--grace-period=1", "--timeout=30s")).Succeeded();
            Assert.Contains("node/sim-node-3 drained", drained.Stdout);
            Assert.Contains("NotFound", (await cluster.KubectlAsync("get", "pod", "pinned")).Stderr);
        }
        finally
        {
            (await cluster.KubectlAsync("uncordon", "sim-node-3")).Succeeded();
        }
    }

    [Fact]
    public async Task Delete_with_options_removes_what_typed_commands_created()
    {
        (await cluster.KubectlAsync("create", "configmap", "doomed", "--from-literal=k=v")).Succeeded();
        (await cluster.KubectlAsync("create", "secret", "generic", "doomed", "--from-literal=k=v")).Succeeded();

        // kubectl delete itself sends JSON DeleteOptions; typed clients (drain above) send protobuf.
        var deleted = (await cluster.KubectlAsync("delete", "configmap/doomed", "secret/doomed", "--cascade=foreground", "--grace-period=0")).Succeeded();
        Assert.Contains("configmap \"doomed\" deleted", deleted.Stdout);
        Assert.Contains("secret \"doomed\" deleted", deleted.Stdout);

        var gone = await cluster.KubectlAsync("get", "configmap", "doomed");
        Assert.NotEqual(0, gone.ExitCode);
        Assert.Contains("NotFound", gone.Stderr);
    }

    private async Task<JsonNode> GetJsonAsync(params string[] what) =>
        JsonNode.Parse((await cluster.KubectlAsync(["get", .. what, "-o", "json"])).Succeeded().Stdout)!;
}

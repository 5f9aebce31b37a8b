using System.Text.Json.Nodes;
using Tke.SimCluster.Tests.Kinds;

namespace Tke.SimCluster.Tests.EndToEnd;

/// <summary>The real kubectl against `tke sim-cluster`, as a user would drive a real cluster.</summary>
public sealed class KubectlAgainstSimClusterTests(SimClusterProcess cluster) : IClassFixture<SimClusterProcess>
{
    [Fact]
    public async Task Get_nodes_shows_the_simulated_nodes_Ready_with_the_simulated_kubelet_version()
    {
        var rows = (await cluster.KubectlAsync("get", "nodes", "--no-headers")).Succeeded().Rows();
        Assert.Equal(["sim-node-1", "sim-node-2", "sim-node-3"], rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.Equal("Ready", r[1]));
        Assert.All(rows, r => Assert.Contains("v1.30.0-sim", r));

        var labelled = (await cluster.KubectlAsync("get", "nodes", "-l", "tke.cloud.tencent.com/simulated=true", "-o", "name")).Succeeded();
        Assert.Equal(3, labelled.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var node = JsonNode.Parse((await cluster.KubectlAsync("get", "node", "sim-node-1", "-o", "json")).Succeeded().Stdout)!;
        Assert.Equal("8", node["status"]!["capacity"]!["cpu"]!.GetValue<string>());
        Assert.Equal("32Gi", node["status"]!["capacity"]!["memory"]!.GetValue<string>());
        Assert.Equal("110", node["status"]!["capacity"]!["pods"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_namespaces_shows_the_system_namespaces_Active()
    {
        var rows = (await cluster.KubectlAsync("get", "ns", "--no-headers")).Succeeded().Rows();
        foreach (var name in new[] { "default", "kube-system", "kube-public" })
        {
            var row = Assert.Single(rows, r => r[0] == name);
            Assert.Equal("Active", row[1]);
        }
    }

    [Fact]
    public async Task Version_says_the_cluster_is_simulated()
    {
        var version = (await cluster.KubectlAsync("get", "--raw", "/version")).Succeeded();
        Assert.Contains("simulated cluster", version.Stdout);
    }

    [Fact]
    public async Task Api_resources_lists_the_Kubernetes_resources_with_their_short_names()
    {
        var rows = (await cluster.KubectlAsync("api-resources", "--no-headers")).Succeeded().Rows();
        Assert.Contains(rows, r => r is ["pods", "po", "v1", "true", "Pod"]);
        Assert.Contains(rows, r => r is ["nodes", "no", "v1", "false", "Node"]);
        Assert.Contains(rows, r => r is ["namespaces", "ns", "v1", "false", "Namespace"]);
        Assert.Contains(rows, r => r is ["deployments", "deploy", "apps/v1", "true", "Deployment"]);
        Assert.Contains(rows, r => r is ["statefulsets", "sts", "apps/v1", "true", "StatefulSet"]);
        Assert.Contains(rows, r => r is ["jobs", "batch/v1", "true", "Job"]);
        Assert.Contains(rows, r => r is ["secrets", "v1", "true", "Secret"]);
    }

    [Fact]
    public async Task Explain_describes_pod_containers()
    {
        var explain = (await cluster.KubectlAsync("explain", "pods.spec.containers")).Succeeded();
        Assert.Contains("KIND:       Pod", explain.Stdout);
        Assert.Contains("image", explain.Stdout);
        Assert.Contains("resources", explain.Stdout);
    }

    [Fact]
    public async Task Deployment_from_kubectl_create_output_rolls_out_and_is_listed_with_replica_sets_and_pods()
    {
        // The client-side output of a typed create, sent back as YAML: the same object the
        // protobuf path of KubectlTypedCommandsTests creates.
        var manifest = (await cluster.KubectlAsync("create", "deployment", "web", "--image=nginx", "--dry-run=client", "-o", "yaml")).Succeeded().Stdout;
        var created = (await cluster.KubectlWithInputAsync(manifest, "create", "-f", "-")).Succeeded();
        Assert.Contains("deployment.apps/web created", created.Stdout);

        (await cluster.KubectlAsync("rollout", "status", "deployment/web", "--timeout=30s")).Succeeded();
        var listed = (await cluster.KubectlAsync("get", "deploy,rs,po")).Succeeded();
        Assert.Contains("deployment.apps/web", listed.Stdout);
        Assert.Contains("replicaset.apps/web-", listed.Stdout);
        Assert.Contains("1/1", listed.Stdout);

        var stored = JsonNode.Parse((await cluster.KubectlAsync("get", "deploy", "web", "-o", "json")).Succeeded().Stdout)!;
        Assert.Equal("RollingUpdate", stored["spec"]!["strategy"]!["type"]!.GetValue<string>());
        Assert.Equal("Always", stored["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_creates_and_then_leaves_unchanged_a_service_and_a_configmap()
    {
        var manifest = Manifests.ServiceWithNamedTargetPort.Replace("name: api\n", "name: applied\n", StringComparison.Ordinal) + """

            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: applied-config
            data:
              app.yaml: "replicas: 2"
            """;
        var first = (await cluster.KubectlWithInputAsync(manifest, "apply", "-f", "-")).Succeeded();
        Assert.Contains("service/applied created", first.Stdout);
        Assert.Contains("configmap/applied-config created", first.Stdout);

        var second = (await cluster.KubectlWithInputAsync(manifest, "apply", "-f", "-")).Succeeded();
        Assert.Contains("service/applied unchanged", second.Stdout);
        Assert.Contains("configmap/applied-config unchanged", second.Stdout);

        var service = (await cluster.KubectlAsync("get", "svc", "applied", "--no-headers")).Succeeded().Rows().Single();
        Assert.Equal("NodePort", service[1]);
        Assert.StartsWith("10.96.", service[2]);
        var configMap = (await cluster.KubectlAsync("get", "cm", "applied-config", "--no-headers")).Succeeded().Rows().Single();
        Assert.Equal("1", configMap[1]);
    }
}

using System.Text.Json.Nodes;
using Tke.E2E.Tests.Clusters;
using Tke.E2E.Tests.Hosting;
using Tke.E2E.Tests.Kubectl;

namespace Tke.E2E.Tests.Cli;

/// <summary>
/// `tke node` against an imported simulated cluster, through the platform's cluster proxy. The
/// tests cordon and drain the cluster's nodes, so they get a cluster of their own.
/// </summary>
[Collection(NodeCommandCollection.Name)]
public sealed class NodeCommandTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(45);

    private string PlatformKubeconfig => fixture.Server.KubeconfigPath;

    [Fact]
    public async Task Nodes_are_listed_cordoned_drained_around_DaemonSets_and_budgets_labeled_and_tainted()
    {
        var (id, kubectl) = await ImportAsync();
        var ns = "nodes-" + Guid.NewGuid().ToString("N")[..6];
        await ApplyAsync(kubectl, ns, Deployment("web", 3) + "---\n" + DaemonSet("agent"));
        var web = await WaitForPodsAsync(kubectl, ns, "app=web", 3);
        await WaitForPodsAsync(kubectl, ns, "app=agent", SimCluster.NodeCount);

        var list = await TkeAsync("node", "list", "--cluster", id);
        var lines = list.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+STATUS\s+ROLES\s+CPU\s+MEMORY\s+PODS\s+VERSION\s+AGE$", lines[0]);
        Assert.Equal(SimCluster.NodeCount, lines.Skip(1).Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^sim-node-\d+\s+Ready\s+\S+\s+\S+\s+\S+\s+\d+\s+v\S+\s+\S+$")));

        var node = (string)web[0]["spec"]!["nodeName"]!;
        var other = Enumerable.Range(1, SimCluster.NodeCount).Select(i => $"sim-node-{i}").First(n => n != node);
        try
        {
            Assert.Contains($"node/{node} cordoned", await TkeAsync("node", "cordon", node, "--cluster", id), StringComparison.Ordinal);
            Assert.Matches($@"(?m)^{node}\s+Ready,SchedulingDisabled\s", await TkeAsync("node", "list", "--cluster", id));
            await ApplyAsync(kubectl, ns, Deployment("probe", 3));
            Assert.All(await WaitForPodsAsync(kubectl, ns, "app=probe", 3), p => Assert.NotEqual(node, (string?)p["spec"]?["nodeName"]));

            // Drain: the deployment's pod leaves through the Eviction API and comes back elsewhere; the DaemonSet's stays.
            var onNode = web.Where(p => (string?)p["spec"]?["nodeName"] == node).Select(p => (string)p["metadata"]!["name"]!).ToList();
            var drained = await TkeAsync("node", "drain", node, "--cluster", id);
            foreach (var pod in onNode)
            {
                Assert.Contains($"evicting {ns}/{pod}… evicted", drained, StringComparison.Ordinal);
            }

            Assert.Contains($"node/{node} drained", drained, StringComparison.Ordinal);
            var after = await WaitForPodsAsync(kubectl, ns, "app=web", 3);
            Assert.All(after, p => Assert.NotEqual(node, (string?)p["spec"]?["nodeName"]));
            Assert.Single(await PodsAsync(kubectl, ns, "app=agent"), p => (string?)p["spec"]?["nodeName"] == node);

            // A budget that allows no disruption makes drain wait, report it and give up at the timeout.
            await ApplyAsync(kubectl, ns, """
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata:
                  name: probe
                spec:
                  minAvailable: 3
                  selector:
                    matchLabels:
                      app: probe
                """);
            await WaitForAsync(async () => (await kubectl.RunAsync("get", "pdb", "probe", "-n", ns, "-o", "jsonpath={.status.expectedPods}")).Stdout == "3", "the budget's status");
            var (code, stdout, stderr) = await TkeCommand.RunAsync("node", "drain", other, "--cluster", id, "--timeout", "3s", "--kubeconfig", PlatformKubeconfig);
            Assert.True(code == 1, $"expected exit 1, got {code}\n{stdout}\n{stderr}");
            Assert.Contains("waiting: disruption budget", stdout, StringComparison.Ordinal);
            Assert.Contains("timed out", stderr, StringComparison.Ordinal);
            Assert.Equal(3, (await PodsAsync(kubectl, ns, "app=probe")).Count);
        }
        finally
        {
            // Later drains on this cluster must not meet the budget.
            await kubectl.RunAsync("delete", "pdb", "probe", "-n", ns, "--ignore-not-found");
            await TkeCommand.RunAsync("node", "uncordon", node, "--cluster", id, "--kubeconfig", PlatformKubeconfig);
            await TkeCommand.RunAsync("node", "uncordon", other, "--cluster", id, "--kubeconfig", PlatformKubeconfig);
        }

        Assert.DoesNotContain("SchedulingDisabled", await TkeAsync("node", "list", "--cluster", id), StringComparison.Ordinal);

        await TkeAsync("node", "label", node, "e2e.tke/drained=yes", "--cluster", id);
        await TkeAsync("node", "taint", node, "e2e.tke/maintenance=soon:NoSchedule", "--cluster", id);
        var json = JsonNode.Parse((await kubectl.RunAsync("get", "node", node, "-o", "json")).EnsureSuccess().Stdout)!;
        Assert.Equal("yes", (string?)json["metadata"]?["labels"]?["e2e.tke/drained"]);
        Assert.Contains(json["spec"]?["taints"]?.AsArray() ?? [], t => (string?)t?["key"] == "e2e.tke/maintenance" && (string?)t?["value"] == "soon" && (string?)t?["effect"] == "NoSchedule");

        await TkeAsync("node", "label", node, "e2e.tke/drained-", "--cluster", id);
        await TkeAsync("node", "taint", node, "e2e.tke/maintenance:NoSchedule-", "--cluster", id);
        json = JsonNode.Parse((await kubectl.RunAsync("get", "node", node, "-o", "json")).EnsureSuccess().Stdout)!;
        Assert.Null(json["metadata"]?["labels"]?["e2e.tke/drained"]);
        Assert.DoesNotContain(json["spec"]?["taints"]?.AsArray() ?? [], t => (string?)t?["key"] == "e2e.tke/maintenance");
    }

    [Fact]
    public async Task Kubectl_drain_through_the_proxy_evicts_and_succeeds()
    {
        var (_, kubectl) = await ImportAsync();
        var ns = "kdrain-" + Guid.NewGuid().ToString("N")[..6];
        await ApplyAsync(kubectl, ns, Deployment("web", 3) + "---\n" + DaemonSet("agent"));
        var web = await WaitForPodsAsync(kubectl, ns, "app=web", 3);
        await WaitForPodsAsync(kubectl, ns, "app=agent", SimCluster.NodeCount);
        var node = (string)web[0]["spec"]!["nodeName"]!;
        try
        {
            var drain = (await kubectl.RunAsync("drain", node, "--ignore-daemonsets", "--delete-emptydir-data", "--timeout", "60s")).EnsureSuccess();
            Assert.Contains("evicted", drain.Stdout + drain.Stderr, StringComparison.Ordinal);
            Assert.All(await WaitForPodsAsync(kubectl, ns, "app=web", 3), p => Assert.NotEqual(node, (string?)p["spec"]?["nodeName"]));
        }
        finally
        {
            await kubectl.RunAsync("uncordon", node);
        }
    }

    private async Task<(string Id, KubectlRunner Kubectl)> ImportAsync()
    {
        var simKubeconfig = Path.Combine(fixture.Sim.DataDir, "admin.kubeconfig");
        var (code, stdout, stderr) = await TkeCommand.RunAsync("cluster", "import", "--name", "nodes", "--cluster-kubeconfig", simKubeconfig, "--kubeconfig", PlatformKubeconfig);
        Assert.True(code == 0, $"import exited {code}: {stderr}\n{fixture.Server.Output.Tail()}");
        var id = stdout.Trim();
        var path = Path.Combine(fixture.Sim.DataDir, $"{id}.kubeconfig");
        (code, _, stderr) = await TkeCommand.RunAsync("kubeconfig", "--cluster", id, "--output", path, "--kubeconfig", PlatformKubeconfig);
        Assert.True(code == 0, stderr);
        var kubectl = new KubectlRunner(path, Path.Combine(fixture.Sim.DataDir, "kubectl-cache-" + id), fixture.Server.Output);
        await WaitForAsync(async () => (await kubectl.RunAsync("get", "nodes", "-o", "name")).Succeeded, "the cluster through the proxy");
        return (id, kubectl);
    }

    private async Task<string> TkeAsync(params string[] args)
    {
        var (code, stdout, stderr) = await TkeCommand.RunAsync([.. args, "--kubeconfig", PlatformKubeconfig], stdin: null);
        Assert.True(code == 0, $"tke {string.Join(' ', args)} exited {code}\n{stdout}\n{stderr}\n{fixture.Server.Output.Tail()}");
        return stdout;
    }

    private static async Task ApplyAsync(KubectlRunner kubectl, string ns, string yaml)
    {
        await kubectl.RunAsync("create", "namespace", ns);
        (await kubectl.RunWithInputAsync(yaml, "apply", "-n", ns, "-f", "-")).EnsureSuccess();
    }

    private static async Task<List<JsonObject>> PodsAsync(KubectlRunner kubectl, string ns, string selector)
    {
        var result = (await kubectl.RunAsync("get", "pods", "-n", ns, "-l", selector, "-o", "json")).EnsureSuccess();
        return [.. JsonNode.Parse(result.Stdout)!["items"]!.AsArray().OfType<JsonObject>()];
    }

    /// <summary>Exactly <paramref name="count"/> pods Running, none being deleted.</summary>
    private static async Task<List<JsonObject>> WaitForPodsAsync(KubectlRunner kubectl, string ns, string selector, int count)
    {
        List<JsonObject> pods = [];
        await WaitForAsync(async () =>
        {
            pods = await PodsAsync(kubectl, ns, selector);
            return pods.Count == count && pods.All(p => (string?)p["status"]?["phase"] == "Running" && p["metadata"]?["deletionTimestamp"] is null);
        }, $"{count} running pods {selector}");
        return pods;
    }

    private static async Task WaitForAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow + Soon;
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: not reached within {Soon}");
            }

            await Task.Delay(300);
        }
    }

    private static string Deployment(string name, int replicas) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
        spec:
          replicas: {replicas}
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
            spec:
              containers:
              - name: c
                image: nginx:1.25

        """;

    private static string DaemonSet(string name) => $"""
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: {name}
        spec:
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
            spec:
              containers:
              - name: c
                image: busybox:1.36

        """;
}

/// <summary>A platform and a simulated cluster of their own: draining nodes would disturb other tests' pods.</summary>
[CollectionDefinition(Name)]
public sealed class NodeCommandCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "node commands on their own simulated cluster";
}

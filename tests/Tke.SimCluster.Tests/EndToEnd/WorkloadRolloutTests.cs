using System.Text.Json.Nodes;

namespace Tke.SimCluster.Tests.EndToEnd;

/// <summary>Workloads applied with the real kubectl roll out on the simulated cluster as on a real one.</summary>
public sealed class WorkloadRolloutTests(SimClusterProcess cluster) : IClassFixture<SimClusterProcess>
{
    private static string Deployment(string name, int replicas, string image) => $"""
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
              - name: main
                image: {image}
                resources:
                  requests:
                    cpu: 100m
                    memory: 64Mi
        """;

    [Fact]
    public async Task Deployment_rolls_out_scales_updates_its_image_and_is_garbage_collected()
    {
        (await cluster.KubectlWithInputAsync(Deployment("web", 3, "nginx:1.25"), "apply", "-f", "-")).Succeeded();
        (await cluster.KubectlAsync("rollout", "status", "deployment/web", "--timeout=30s")).Succeeded();
        var pods = await RunningPodsAsync("app=web", 3);
        Assert.Equal(3, pods.Select(p => p.Node).Distinct().Count()); // spread over the three nodes
        Assert.All(pods, p => Assert.StartsWith("10.244.", p.Ip));
        Assert.Equal(3, pods.Select(p => p.Ip).Distinct().Count());

        var pod = JsonNode.Parse((await cluster.KubectlAsync("get", "pod", pods[0].Name, "-o", "json")).Succeeded().Stdout)!;
        Assert.StartsWith("10.0.0.", pod["status"]!["hostIP"]!.GetValue<string>());
        Assert.NotNull(pod["status"]!["startTime"]);
        Assert.Equal("ReplicaSet", pod["metadata"]!["ownerReferences"]![0]!["kind"]!.GetValue<string>());
        var containerStatus = pod["status"]!["containerStatuses"]![0]!;
        Assert.True(containerStatus["ready"]!.GetValue<bool>());
        Assert.Equal("nginx:1.25", containerStatus["image"]!.GetValue<string>());
        Assert.NotNull(containerStatus["state"]!["running"]!["startedAt"]);
        var conditions = pod["status"]!["conditions"]!.AsArray().ToDictionary(c => c!["type"]!.GetValue<string>(), c => c!["status"]!.GetValue<string>());
        Assert.Equal("True", conditions["Ready"]);
        Assert.Equal("True", conditions["PodScheduled"]);

        (await cluster.KubectlWithInputAsync(Deployment("web", 5, "nginx:1.25"), "apply", "-f", "-")).Succeeded();
        (await cluster.KubectlAsync("rollout", "status", "deployment/web", "--timeout=30s")).Succeeded();
        await RunningPodsAsync("app=web", 5);

        (await cluster.KubectlWithInputAsync(Deployment("web", 5, "nginx:1.26"), "apply", "-f", "-")).Succeeded();
        (await cluster.KubectlAsync("rollout", "status", "deployment/web", "--timeout=30s")).Succeeded();
        var sets = (await cluster.KubectlAsync("get", "rs", "-l", "app=web", "--no-headers", "-o", "wide")).Succeeded().Rows();
        Assert.Equal(2, sets.Count);
        Assert.Contains(sets, r => r[1] == "5" && r[3] == "5" && r.Contains("nginx:1.26"));
        Assert.Contains(sets, r => r[1] == "0" && r[2] == "0" && r.Contains("nginx:1.25"));
        var updated = await RunningPodsAsync("app=web", 5);
        var newSet = sets.Single(r => r.Contains("nginx:1.26"))[0];
        Assert.All(updated, p => Assert.StartsWith(newSet + "-", p.Name));

        var described = (await cluster.KubectlAsync("describe", "deployment", "web")).Succeeded().Stdout;
        Assert.Contains("ScalingReplicaSet", described);
        Assert.Contains("NewReplicaSetAvailable", described);

        (await cluster.KubectlAsync("delete", "deployment", "web")).Succeeded();
        await EventuallyAsync(async () =>
        {
            var left = (await cluster.KubectlAsync("get", "rs,pods", "-l", "app=web", "-o", "name")).Succeeded().Stdout;
            return left.Trim().Length == 0 ? null : left;
        });
    }

    [Fact]
    public async Task DaemonSet_runs_one_pod_on_every_node()
    {
        (await cluster.KubectlWithInputAsync("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: agent
            spec:
              selector:
                matchLabels: {app: agent}
              template:
                metadata:
                  labels: {app: agent}
                spec:
                  containers:
                  - name: agent
                    image: busybox:1.36
            """, "apply", "-f", "-")).Succeeded();
        (await cluster.KubectlAsync("rollout", "status", "daemonset/agent", "--timeout=30s")).Succeeded();
        var pods = await RunningPodsAsync("app=agent", SimClusterProcess.NodeCount);
        Assert.Equal(Enumerable.Range(1, SimClusterProcess.NodeCount).Select(i => $"sim-node-{i}"), pods.Select(p => p.Node).Order());
    }

    [Fact]
    public async Task Job_with_two_completions_completes()
    {
        (await cluster.KubectlWithInputAsync("""
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: batch
            spec:
              completions: 2
              template:
                spec:
                  restartPolicy: Never
                  containers:
                  - name: work
                    image: busybox:1.36
            """, "apply", "-f", "-")).Succeeded();
        (await cluster.KubectlAsync("wait", "--for=condition=complete", "job/batch", "--timeout=30s")).Succeeded();
        var job = (await cluster.KubectlAsync("get", "job", "batch", "--no-headers")).Succeeded().Rows().Single();
        Assert.Equal(["batch", "Complete", "2/2"], job.Take(3));
        var pods = (await cluster.KubectlAsync("get", "pods", "-l", "job-name=batch", "--no-headers")).Succeeded().Rows();
        Assert.Equal(2, pods.Count);
        Assert.All(pods, p => Assert.Equal("Succeeded", p[2]));
    }

    [Fact]
    public async Task StatefulSet_creates_its_pods_by_ordinal()
    {
        (await cluster.KubectlWithInputAsync("""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: db
            spec:
              replicas: 3
              serviceName: db
              selector:
                matchLabels: {app: db}
              template:
                metadata:
                  labels: {app: db}
                spec:
                  containers:
                  - name: db
                    image: postgres:16
            """, "apply", "-f", "-")).Succeeded();
        (await cluster.KubectlAsync("rollout", "status", "statefulset/db", "--timeout=30s")).Succeeded();
        var pods = await RunningPodsAsync("app=db", 3);
        Assert.Equal(["db-0", "db-1", "db-2"], pods.Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Pod_that_fits_on_no_node_stays_Pending_as_Unschedulable()
    {
        (await cluster.KubectlWithInputAsync("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: huge
            spec:
              containers:
              - name: big
                image: nginx:1.25
                resources:
                  requests: {cpu: "100"}
            """, "apply", "-f", "-")).Succeeded();
        await EventuallyAsync(async () =>
        {
            var text = (await cluster.KubectlAsync("get", "pod", "huge", "-o", "jsonpath={.status.conditions[?(@.type==\"PodScheduled\")].reason}")).Succeeded().Stdout;
            return text == "Unschedulable" ? null : $"reason is '{text}'";
        });
        var row = (await cluster.KubectlAsync("get", "pod", "huge", "--no-headers", "-o", "wide")).Succeeded().Rows().Single();
        Assert.Equal("Pending", row[2]);
        Assert.Equal("<none>", row[5]); // no node
        var message = (await cluster.KubectlAsync("get", "pod", "huge", "-o", "jsonpath={.status.conditions[0].message}")).Succeeded().Stdout;
        Assert.Contains("Insufficient cpu", message);
        var events = (await cluster.KubectlAsync("get", "events", "--field-selector", "involvedObject.name=huge", "--no-headers")).Succeeded().Stdout;
        Assert.Contains("FailedScheduling", events);
    }

    private sealed record PodRow(string Name, string Status, string Ip, string Node);

    /// <summary>Waits until exactly <paramref name="count"/> pods with the label are listed, all Running.</summary>
    private async Task<List<PodRow>> RunningPodsAsync(string selector, int count)
    {
        List<PodRow> pods = [];
        await EventuallyAsync(async () =>
        {
            pods = (await cluster.KubectlAsync("get", "pods", "-l", selector, "-o", "wide", "--no-headers")).Succeeded().Rows()
                .Select(r => new PodRow(r[0], r[2], r[4], r[5]))
                .ToList();
            return pods.Count == count && pods.All(p => p.Status == "Running") ? null : $"pods: {string.Join(", ", pods)}";
        });
        return pods;
    }

    /// <summary>Retries until the check returns null (success) or 20 s pass, then fails with its last complaint.</summary>
    private static async Task<string?> EventuallyAsync(Func<Task<string?>> check)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (true)
        {
            var complaint = await check();
            if (complaint is null)
            {
                return null;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, complaint);
            await Task.Delay(200);
        }
    }
}

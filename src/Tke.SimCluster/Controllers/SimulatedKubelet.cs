using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Store;
using Tke.SimCluster.Controllers.Runtime;
using Tke.SimCluster.Core;

namespace Tke.SimCluster.Controllers;

/// <summary>
/// The kubelets of all simulated nodes in one loop. A pod bound to a node "starts" after a short
/// delay: it gets a pod IP from the node's pod CIDR, the node's InternalIP, Ready conditions and
/// running container statuses. Pods of Jobs (restartPolicy Never or OnFailure) "exit 0" a
/// moment later. No container actually runs.
/// </summary>
public sealed class SimulatedKubelet(ClusterStores stores, EventRecorder events, TimeProvider clock, ILogger logger)
{
    public const string Component = "kubelet";

    public static readonly TimeSpan StartDelay = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan RunTimeOfJobPods = TimeSpan.FromSeconds(1);

    // When each pod was first seen bound: the start delay counts from there. Memory only; after a
    // restart pods simply start again after the delay.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _firstSeen = new();
    private readonly ConcurrentDictionary<string, int> _nextHost = new();

    public ReconcileLoop CreateLoop() =>
        new ReconcileLoop("kubelet", ReconcileAsync, logger, clock)
            .Watch(stores.Pods.Store, PodKeys);

    private static IEnumerable<string> PodKeys(ResourceEvent e)
    {
        var pod = (Pod)e.Item.Object;
        return string.IsNullOrEmpty(pod.Spec.NodeName) ? [] : [ObjectKey.Of(pod)];
    }

    private async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectKey.Split(key);
        var pod = await stores.Pods.GetAsync(ns, name, cancellationToken);
        if (pod is null || string.IsNullOrEmpty(pod.Spec.NodeName))
        {
            _firstSeen.TryRemove(key, out _);
            return ReconcileResult.Done;
        }

        if (pod.Metadata.DeletionTimestamp is not null)
        {
            // Being deleted and held by finalizers: containers stop; the finalizers' owners remove it.
            return await StopAsync(pod, cancellationToken);
        }

        var phase = pod.Status?.Phase ?? "Pending";
        if (phase is "Succeeded" or "Failed")
        {
            _firstSeen.TryRemove(key, out _);
            return ReconcileResult.Done;
        }

        var now = clock.GetUtcNow();
        if (phase == "Pending")
        {
            var seen = _firstSeen.GetOrAdd(key, now);
            if (now - seen < StartDelay)
            {
                return ReconcileResult.After(StartDelay - (now - seen));
            }

            var node = await stores.Nodes.GetAsync(null, pod.Spec.NodeName, cancellationToken);
            if (node is null)
            {
                return ReconcileResult.After(TimeSpan.FromSeconds(5));
            }

            var podIp = await AllocateIpAsync(node, cancellationToken);
            await StartAsync(pod, node, podIp, now, cancellationToken);
            return RunsToCompletion(pod) ? ReconcileResult.After(RunTimeOfJobPods) : ReconcileResult.Done;
        }

        if (RunsToCompletion(pod))
        {
            var started = pod.Status?.StartTime ?? now;
            if (now - started < RunTimeOfJobPods)
            {
                return ReconcileResult.After(RunTimeOfJobPods - (now - started));
            }

            await CompleteAsync(pod, now, cancellationToken);
        }

        return ReconcileResult.Done;
    }

    /// <summary>Pods of Jobs run to completion; everything else runs until deleted.</summary>
    private static bool RunsToCompletion(Pod pod) =>
        pod.Spec.RestartPolicy is "Never" or "OnFailure"
        && ObjectKey.ControllerOf(pod)?.Kind == "Job";

    private async Task StartAsync(Pod pod, Node node, string podIp, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = pod.Status ??= new PodStatus();
        status.Phase = "Running";
        status.HostIP = node.Status?.Addresses?.FirstOrDefault(a => a.Type == "InternalIP")?.Address;
        status.PodIP = podIp;
        status.PodIPs = [new PodIP { Ip = podIp }];
        status.StartTime ??= now;
        status.QosClass ??= PodSpecDefaults.QosClass(pod.Spec);
        foreach (var type in new[] { "PodScheduled", "Initialized", "ContainersReady", "Ready" })
        {
            PodConditions.Set(status, type, "True", null, null, now);
        }

        var startedAt = ApiJsonTime(now);
        status.InitContainerStatuses = pod.Spec.InitContainers?.Select(c => ContainerStatusOf(c, pod, ready: true, new JsonObject
        {
            ["terminated"] = new JsonObject { ["exitCode"] = 0, ["reason"] = "Completed", ["startedAt"] = startedAt, ["finishedAt"] = startedAt },
        })).ToList();
        status.ContainerStatuses = pod.Spec.Containers.Select(c => ContainerStatusOf(c, pod, ready: true, new JsonObject
        {
            ["running"] = new JsonObject { ["startedAt"] = startedAt },
        })).ToList();
        var started = await stores.Pods.UpdateStatusAsync(pod, cancellationToken);

        var host = node.Metadata.Name;
        foreach (var container in pod.Spec.Containers)
        {
            await events.NormalAsync(started, "Pod", "v1", Component, "Pulled", $"Container image \"{container.Image}\" already present on machine (simulated)", cancellationToken, host);
            await events.NormalAsync(started, "Pod", "v1", Component, "Created", $"Created container {container.Name}", cancellationToken, host);
            await events.NormalAsync(started, "Pod", "v1", Component, "Started", $"Started container {container.Name}", cancellationToken, host);
        }
    }

    private async Task CompleteAsync(Pod pod, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = pod.Status!;
        status.Phase = "Succeeded";
        PodConditions.Set(status, "Ready", "False", "PodCompleted", null, now);
        PodConditions.Set(status, "ContainersReady", "False", "PodCompleted", null, now);
        var finishedAt = ApiJsonTime(now);
        foreach (var container in status.ContainerStatuses ?? [])
        {
            var startedAt = container.State?["running"]?["startedAt"]?.DeepClone() ?? finishedAt;
            container.Ready = false;
            container.Started = false;
            container.State = new JsonObject
            {
                ["terminated"] = new JsonObject { ["exitCode"] = 0, ["reason"] = "Completed", ["startedAt"] = startedAt, ["finishedAt"] = finishedAt },
            };
        }

        await stores.Pods.UpdateStatusAsync(pod, cancellationToken);
    }

    private async Task<ReconcileResult> StopAsync(Pod pod, CancellationToken cancellationToken)
    {
        if (pod.Status?.ContainerStatuses is not { } containers || containers.All(c => c.State?["terminated"] is not null))
        {
            return ReconcileResult.Done;
        }

        var now = clock.GetUtcNow();
        var finishedAt = ApiJsonTime(now);
        foreach (var container in containers)
        {
            container.Ready = false;
            container.State = new JsonObject
            {
                ["terminated"] = new JsonObject { ["exitCode"] = 0, ["reason"] = "Completed", ["finishedAt"] = finishedAt },
            };
        }

        PodConditions.Set(pod.Status, "Ready", "False", "PodCompleted", null, now);
        PodConditions.Set(pod.Status, "ContainersReady", "False", "PodCompleted", null, now);
        await stores.Pods.UpdateStatusAsync(pod, cancellationToken);
        await events.NormalAsync(pod, "Pod", "v1", Component, "Killing", "Stopping containers", cancellationToken, pod.Spec.NodeName);
        return ReconcileResult.Done;
    }

    private static ContainerStatus ContainerStatusOf(Container container, Pod pod, bool ready, JsonObject state) => new()
    {
        Name = container.Name,
        Image = container.Image,
        ImageID = $"simulated://{container.Image}",
        ContainerID = $"simulated://{pod.Metadata.Uid}/{container.Name}",
        Ready = ready,
        Started = ready,
        RestartCount = 0,
        State = state,
    };

    /// <summary>The next free address in the node's pod CIDR (10.244.N.0/24), skipping those its pods hold.</summary>
    private async Task<string> AllocateIpAsync(Node node, CancellationToken cancellationToken)
    {
        var cidr = node.Spec.PodCIDR ?? "10.244.0.0/24";
        var prefix = cidr[..(cidr.LastIndexOf('.') + 1)];
        var nodeName = node.Metadata.Name!;
        var query = new ListQuery { Fields = Tke.ApiMachinery.Selectors.FieldSelector.Parse("spec.nodeName=" + nodeName) };
        var inUse = (await stores.Pods.ListAsync(null, cancellationToken, query))
            .Select(p => p.Status?.PodIP)
            .Where(ip => ip is not null)
            .ToHashSet();
        for (var attempt = 0; attempt < 253; attempt++)
        {
            var host = _nextHost.AddOrUpdate(nodeName, 2, (_, last) => last >= 254 ? 2 : last + 1);
            var ip = prefix + host.ToString(CultureInfo.InvariantCulture);
            if (!inUse.Contains(ip))
            {
                return ip;
            }
        }

        return prefix + "254"; // a full /24: more than 110 pods never get here
    }

    private static string ApiJsonTime(DateTimeOffset time) =>
        System.Text.Json.JsonSerializer.SerializeToNode(time, ApiJson.Options)!.GetValue<string>();
}

using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Store;
using Tke.SimCluster.Controllers.Runtime;
using Tke.SimCluster.Controllers.Scheduling;
using Tke.SimCluster.Core;

namespace Tke.SimCluster.Controllers;

/// <summary>
/// The scheduler: binds each pending pod without a node to the Ready, schedulable node with the
/// fewest pods among those it fits on (requests against allocatable cpu, memory and pod slots,
/// nodeSelector, NoSchedule taints). A pod that fits nowhere gets PodScheduled=False with reason
/// Unschedulable and is tried again when nodes or pods change.
/// </summary>
public sealed class PodScheduler(ClusterStores stores, EventRecorder events, TimeProvider clock, ILogger logger)
{
    public const string SchedulerName = "default-scheduler";

    /// <summary>Key meaning "every unscheduled pod": a node change or a freed slot may let any of them fit.</summary>
    private const string AllPending = "*";

    private static readonly TimeSpan UnschedulableRetry = TimeSpan.FromSeconds(10);

    private ReconcileLoop? _loop;

    public ReconcileLoop CreateLoop()
    {
        _loop = new ReconcileLoop("scheduler", ReconcileAsync, logger, clock)
            .Watch(stores.Pods.Store, PodKeys)
            .Watch(stores.Nodes.Store, _ => [AllPending]);
        return _loop;
    }

    private static IEnumerable<string> PodKeys(ResourceEvent e)
    {
        var pod = (Pod)e.Item.Object;
        if (e.Type == ResourceEventType.Deleted)
        {
            return string.IsNullOrEmpty(pod.Spec.NodeName) ? [] : [AllPending];
        }

        return NeedsNode(pod) ? [ObjectKey.Of(pod)] : [];
    }

    private static bool NeedsNode(Pod pod) =>
        string.IsNullOrEmpty(pod.Spec.NodeName)
        && pod.Metadata.DeletionTimestamp is null
        && (pod.Spec.SchedulerName ?? SchedulerName) == SchedulerName
        && pod.Status?.Phase is null or "Pending";

    private async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        if (key == AllPending)
        {
            foreach (var pending in (await stores.Pods.ListAsync(null, cancellationToken)).Where(NeedsNode))
            {
                _loop!.Queue.Add(ObjectKey.Of(pending));
            }

            return ReconcileResult.Done;
        }

        var (ns, name) = ObjectKey.Split(key);
        var pod = await stores.Pods.GetAsync(ns, name, cancellationToken);
        if (pod is null || !NeedsNode(pod))
        {
            return ReconcileResult.Done;
        }

        var nodes = await stores.Nodes.ListAsync(null, cancellationToken);
        var pods = await stores.Pods.ListAsync(null, cancellationToken);
        var (chosen, reasons) = Choose(pod, nodes, pods);
        if (chosen is null)
        {
            await MarkUnschedulableAsync(pod, nodes.Count, reasons, cancellationToken);
            return ReconcileResult.After(UnschedulableRetry);
        }

        await BindAsync(pod, chosen, cancellationToken);
        return ReconcileResult.Done;
    }

    /// <summary>The node to bind to, or the reasons (with node counts) why none fits.</summary>
    private static (Node? Node, Dictionary<string, int> Reasons) Choose(Pod pod, List<Node> nodes, List<Pod> pods)
    {
        var asks = PodResources.Of(pod.Spec);
        var reasons = new Dictionary<string, int>();
        var byNode = pods
            .Where(p => !string.IsNullOrEmpty(p.Spec.NodeName) && p.Status?.Phase is not ("Succeeded" or "Failed"))
            .GroupBy(p => p.Spec.NodeName!)
            .ToDictionary(g => g.Key, g => g.ToList());
        Node? best = null;
        var bestCount = int.MaxValue;
        foreach (var node in nodes.OrderBy(n => n.Metadata.Name, StringComparer.Ordinal))
        {
            var onNode = byNode.GetValueOrDefault(node.Metadata.Name!) ?? [];
            var why = NodeEligibility.WhyNot(node, pod.Spec) ?? WhyNoRoom(node, asks, onNode);
            if (why is not null)
            {
                reasons[why] = reasons.GetValueOrDefault(why) + 1;
                continue;
            }

            if (onNode.Count < bestCount)
            {
                best = node;
                bestCount = onNode.Count;
            }
        }

        return (best, reasons);
    }

    private static string? WhyNoRoom(Node node, PodResources asks, List<Pod> onNode)
    {
        var allocatable = node.Status?.Allocatable ?? [];
        var used = onNode.Select(p => PodResources.Of(p.Spec)).Aggregate(new PodResources(0, 0), (a, b) => new PodResources(a.Cpu + b.Cpu, a.Memory + b.Memory));
        if (allocatable.TryGetValue("pods", out var slots) && onNode.Count + 1 > ResourceAmount.Of(slots))
        {
            return "Too many pods";
        }

        if (asks.Cpu > 0 && used.Cpu + asks.Cpu > ResourceAmount.Of(allocatable.GetValueOrDefault("cpu")))
        {
            return "Insufficient cpu";
        }

        if (asks.Memory > 0 && used.Memory + asks.Memory > ResourceAmount.Of(allocatable.GetValueOrDefault("memory")))
        {
            return "Insufficient memory";
        }

        return null;
    }

    private async Task BindAsync(Pod pod, Node node, CancellationToken cancellationToken)
    {
        // A Binding writes spec.nodeName; the scheduler then records PodScheduled on the status.
        pod.Spec.NodeName = node.Metadata.Name;
        var bound = await stores.Pods.UpdateAsync(pod, cancellationToken);
        var now = clock.GetUtcNow();
        bound.Status ??= new PodStatus { Phase = "Pending" };
        PodConditions.Set(bound.Status, "PodScheduled", "True", null, null, now);
        try
        {
            await stores.Pods.UpdateStatusAsync(bound, cancellationToken);
        }
        catch (Tke.ApiMachinery.Errors.StatusError e) when (e.Code is 404 or 409)
        {
            // The kubelet got there first or the pod is gone; the binding stands either way.
        }

        await events.NormalAsync(bound, "Pod", "v1", SchedulerName, "Scheduled", $"Successfully assigned {bound.Metadata.Namespace}/{bound.Metadata.Name} to {node.Metadata.Name}", cancellationToken);
    }

    private async Task MarkUnschedulableAsync(Pod pod, int nodeCount, Dictionary<string, int> reasons, CancellationToken cancellationToken)
    {
        var detail = string.Join(", ", reasons.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Value} {r.Key}"));
        var message = $"0/{nodeCount} nodes are available" + (detail.Length > 0 ? $": {detail}." : ".");
        pod.Status ??= new PodStatus { Phase = "Pending" };
        var existing = pod.Status.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
        if (existing is { Status: "False", Reason: "Unschedulable" } && existing.Message == message)
        {
            return; // already says so; writing again would only churn the pod
        }

        PodConditions.Set(pod.Status, "PodScheduled", "False", "Unschedulable", message, clock.GetUtcNow());
        await stores.Pods.UpdateStatusAsync(pod, cancellationToken);
        await events.WarningAsync(pod, "Pod", "v1", SchedulerName, "FailedScheduling", message, cancellationToken);
    }
}

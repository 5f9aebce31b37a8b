using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Store;
using Tke.SimCluster.Apps;
using Tke.SimCluster.Controllers.Runtime;
using Tke.SimCluster.Controllers.Scheduling;
using Tke.SimCluster.Core;

namespace Tke.SimCluster.Controllers;

/// <summary>
/// Runs one pod of each DaemonSet on every eligible node (Ready, matching nodeSelector, tolerated
/// taints; cordoned nodes still run daemons). Pods are bound directly to their node, as the
/// DaemonSet controller did before it delegated to the scheduler. A pod of an older template is
/// replaced, one node at a time.
/// </summary>
public sealed class DaemonSetController(ClusterStores stores, EventRecorder events, TimeProvider clock, ILogger logger)
{
    public const string Component = "daemonset-controller";

    /// <summary>Key meaning "every DaemonSet": a node change may change where each should run.</summary>
    private const string All = "*";

    private ReconcileLoop? _loop;

    public ReconcileLoop CreateLoop()
    {
        _loop = new ReconcileLoop("daemonset", ReconcileAsync, logger, clock)
            .Watch(stores.DaemonSets.Store, ObjectKey.Self)
            .Watch(stores.Pods.Store, ObjectKey.ControllerOfKind("DaemonSet"))
            .Watch(stores.Nodes.Store, NodeKeys);
        return _loop;
    }

    /// <summary>Heartbeats change nodes every few seconds; only what decides eligibility matters.</summary>
    private static IEnumerable<string> NodeKeys(ResourceEvent e) => e.Type == ResourceEventType.Modified ? [] : [All];

    private async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        if (key == All)
        {
            foreach (var ds in await stores.DaemonSets.ListAsync(null, cancellationToken))
            {
                _loop!.Queue.Add(ObjectKey.Of(ds));
            }

            return ReconcileResult.Done;
        }

        var (ns, name) = ObjectKey.Split(key);
        var daemonSet = await stores.DaemonSets.GetAsync(ns, name, cancellationToken);
        if (daemonSet is null || daemonSet.Metadata.DeletionTimestamp is not null || daemonSet.Spec.Template.Spec is null)
        {
            return ReconcileResult.Done;
        }

        var hash = TemplateHash.Of(daemonSet.Spec.Template);
        var nodes = await stores.Nodes.ListAsync(null, cancellationToken);
        var eligible = nodes.Where(n => NodeEligibility.WhyNot(n, daemonSet.Spec.Template.Spec, ignoreUnschedulable: true) is null)
            .Select(n => n.Metadata.Name!)
            .ToHashSet();
        var pods = (await stores.Pods.ListAsync(ns, cancellationToken))
            .Where(p => PodFromTemplate.IsControlledBy(p, daemonSet) && PodFromTemplate.IsActive(p))
            .ToList();
        var byNode = pods.GroupBy(p => p.Spec.NodeName ?? "").ToDictionary(g => g.Key, g => g.ToList());
        var replacing = false;
        foreach (var (node, onNode) in byNode)
        {
            // Off an eligible node, or a duplicate: remove.
            var keep = eligible.Contains(node) ? onNode.OrderBy(p => p.Metadata.CreationTimestamp).Take(1).ToList() : [];
            foreach (var pod in onNode.Except(keep))
            {
                await DeleteAsync(daemonSet, pod, cancellationToken);
                pods.Remove(pod);
            }

            // An outdated template is replaced on one node at a time (maxUnavailable 1).
            if (keep.Count == 1 && keep[0].Metadata.Labels?.GetValueOrDefault(TemplateHash.RevisionLabel) != hash && !replacing)
            {
                replacing = true;
                await DeleteAsync(daemonSet, keep[0], cancellationToken);
                pods.Remove(keep[0]);
            }
        }

        foreach (var node in eligible.Where(n => !pods.Any(p => p.Spec.NodeName == n)).Order(StringComparer.Ordinal))
        {
            if (replacing && byNode.ContainsKey(node))
            {
                continue; // its replacement starts once the old pod is gone
            }

            var pod = PodFromTemplate.Create(daemonSet.Spec.Template, daemonSet, "DaemonSet", "apps/v1");
            pod.Metadata.Labels![TemplateHash.RevisionLabel] = hash;
            pod.Spec.NodeName = node;
            pods.Add(await stores.Pods.CreateAsync(pod, cancellationToken));
            await events.NormalAsync(daemonSet, "DaemonSet", "apps/v1", Component, "SuccessfulCreate", $"Created pod: {pods[^1].Metadata.Name}", cancellationToken);
        }

        await UpdateStatusAsync(daemonSet, eligible, pods, hash, cancellationToken);
        return ReconcileResult.Done;
    }

    private async Task DeleteAsync(DaemonSet daemonSet, Pod pod, CancellationToken cancellationToken)
    {
        await stores.Pods.DeleteAsync(pod.Metadata.Namespace, pod.Metadata.Name!, pod.Metadata.Uid, cancellationToken);
        await events.NormalAsync(daemonSet, "DaemonSet", "apps/v1", Component, "SuccessfulDelete", $"Deleted pod: {pod.Metadata.Name}", cancellationToken);
    }

    private async Task UpdateStatusAsync(DaemonSet daemonSet, HashSet<string> eligible, List<Pod> pods, string hash, CancellationToken cancellationToken)
    {
        var scheduled = pods.Where(p => eligible.Contains(p.Spec.NodeName ?? "")).ToList();
        var ready = scheduled.Count(PodConditions.IsReady);
        var status = daemonSet.Status ?? new DaemonSetStatus();
        status.DesiredNumberScheduled = eligible.Count;
        status.CurrentNumberScheduled = scheduled.Select(p => p.Spec.NodeName).Distinct().Count();
        status.NumberMisscheduled = pods.Count - scheduled.Count;
        status.NumberReady = ready;
        status.NumberAvailable = ready;
        status.NumberUnavailable = Math.Max(0, eligible.Count - ready);
        status.UpdatedNumberScheduled = scheduled.Count(p => p.Metadata.Labels?.GetValueOrDefault(TemplateHash.RevisionLabel) == hash);
        status.ObservedGeneration = daemonSet.Metadata.Generation;
        daemonSet.Status = status;
        await stores.DaemonSets.UpdateStatusAsync(daemonSet, cancellationToken);
    }
}

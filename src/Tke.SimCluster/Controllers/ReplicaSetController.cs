using Microsoft.Extensions.Logging;
using Tke.SimCluster.Apps;
using Tke.SimCluster.Controllers.Runtime;
using Tke.SimCluster.Core;

namespace Tke.SimCluster.Controllers;

/// <summary>
/// Keeps spec.replicas pods of each ReplicaSet: creates them from the template (generateName
/// "&lt;rs&gt;-", owned by the ReplicaSet) or deletes the surplus (unready and unscheduled first),
/// and reports replicas, fullyLabeledReplicas, readyReplicas and availableReplicas.
/// </summary>
public sealed class ReplicaSetController(ClusterStores stores, EventRecorder events, TimeProvider clock, ILogger logger)
{
    public const string Component = "replicaset-controller";

    /// <summary>Pods created or deleted per round, as Kubernetes' slow-start batches cap a burst.</summary>
    private const int MaxChangesPerRound = 100;

    public ReconcileLoop CreateLoop() =>
        new ReconcileLoop("replicaset", ReconcileAsync, logger, clock)
            .Watch(stores.ReplicaSets.Store, ObjectKey.Self)
            .Watch(stores.Pods.Store, ObjectKey.ControllerOfKind("ReplicaSet"));

    private async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectKey.Split(key);
        var rs = await stores.ReplicaSets.GetAsync(ns, name, cancellationToken);
        if (rs is null || rs.Metadata.DeletionTimestamp is not null || rs.Spec.Template is null)
        {
            return ReconcileResult.Done; // the garbage collector removes its pods
        }

        var pods = (await stores.Pods.ListAsync(ns, cancellationToken))
            .Where(p => PodFromTemplate.IsControlledBy(p, rs) && PodFromTemplate.IsActive(p))
            .ToList();
        var desired = rs.Spec.Replicas ?? 1;
        var diff = desired - pods.Count;
        if (diff > 0)
        {
            for (var i = 0; i < Math.Min(diff, MaxChangesPerRound); i++)
            {
                var pod = await stores.Pods.CreateAsync(PodFromTemplate.Create(rs.Spec.Template, rs, "ReplicaSet", "apps/v1"), cancellationToken);
                pods.Add(pod);
                await events.NormalAsync(rs, "ReplicaSet", "apps/v1", Component, "SuccessfulCreate", $"Created pod: {pod.Metadata.Name}", cancellationToken);
            }
        }
        else if (diff < 0)
        {
            // As Kubernetes: unscheduled before scheduled, pending before running, unready before ready, newest first.
            var victims = pods
                .OrderBy(p => string.IsNullOrEmpty(p.Spec.NodeName) ? 0 : 1)
                .ThenBy(p => p.Status?.Phase == "Pending" ? 0 : 1)
                .ThenBy(p => PodConditions.IsReady(p) ? 1 : 0)
                .ThenByDescending(p => p.Metadata.CreationTimestamp)
                .Take(Math.Min(-diff, MaxChangesPerRound))
                .ToList();
            foreach (var victim in victims)
            {
                await stores.Pods.DeleteAsync(ns, victim.Metadata.Name!, victim.Metadata.Uid, cancellationToken);
                pods.Remove(victim);
                await events.NormalAsync(rs, "ReplicaSet", "apps/v1", Component, "SuccessfulDelete", $"Deleted pod: {victim.Metadata.Name}", cancellationToken);
            }
        }

        await UpdateStatusAsync(rs, pods, cancellationToken);
        return pods.Count == desired ? ReconcileResult.Done : ReconcileResult.After(TimeSpan.FromMilliseconds(100));
    }

    private async Task UpdateStatusAsync(ReplicaSet rs, List<Pod> pods, CancellationToken cancellationToken)
    {
        var templateLabels = rs.Spec.Template?.Metadata?.Labels ?? [];
        var ready = pods.Count(PodConditions.IsReady);
        var status = new ReplicaSetStatus
        {
            Replicas = pods.Count,
            FullyLabeledReplicas = pods.Count(p => templateLabels.All(l => p.Metadata.Labels?.GetValueOrDefault(l.Key) == l.Value)),
            ReadyReplicas = ready,
            AvailableReplicas = ready, // minReadySeconds is not simulated: ready is available
            ObservedGeneration = rs.Metadata.Generation,
            Conditions = rs.Status?.Conditions,
        };
        if (rs.Status is { } old && old.Replicas == status.Replicas && old.FullyLabeledReplicas == status.FullyLabeledReplicas
            && old.ReadyReplicas == status.ReadyReplicas && old.AvailableReplicas == status.AvailableReplicas && old.ObservedGeneration == status.ObservedGeneration)
        {
            return;
        }

        rs.Status = status;
        await stores.ReplicaSets.UpdateStatusAsync(rs, cancellationToken);
    }
}

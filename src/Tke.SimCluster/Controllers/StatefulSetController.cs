using System.Globalization;
using Microsoft.Extensions.Logging;
using Tke.SimCluster.Apps;
using Tke.SimCluster.Controllers.Runtime;
using Tke.SimCluster.Core;

namespace Tke.SimCluster.Controllers;

/// <summary>
/// Gives each StatefulSet the pods &lt;name&gt;-0 .. &lt;name&gt;-(n-1). With OrderedReady (the default)
/// a pod is created only when all lower ordinals are Running and Ready, and removed highest
/// first; with Parallel all at once. Pods of an older template are replaced from the highest
/// ordinal down, one at a time.
/// </summary>
public sealed class StatefulSetController(ClusterStores stores, EventRecorder events, TimeProvider clock, ILogger logger)
{
    public const string Component = "statefulset-controller";
    public const string PodNameLabel = "statefulset.kubernetes.io/pod-name";
    public const string PodIndexLabel = "apps.kubernetes.io/pod-index";

    public ReconcileLoop CreateLoop() =>
        new ReconcileLoop("statefulset", ReconcileAsync, logger, clock)
            .Watch(stores.StatefulSets.Store, ObjectKey.Self)
            .Watch(stores.Pods.Store, ObjectKey.ControllerOfKind("StatefulSet"));

    private async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectKey.Split(key);
        var set = await stores.StatefulSets.GetAsync(ns, name, cancellationToken);
        if (set is null || set.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        var revision = $"{name}-{TemplateHash.Of(set.Spec.Template)}";
        var desired = set.Spec.Replicas ?? 1;
        var parallel = set.Spec.PodManagementPolicy == "Parallel";
        var pods = (await stores.Pods.ListAsync(ns, cancellationToken))
            .Where(p => PodFromTemplate.IsControlledBy(p, set) && p.Metadata.DeletionTimestamp is null && Ordinal(name, p.Metadata.Name!) >= 0)
            .ToDictionary(p => Ordinal(name, p.Metadata.Name!));

        // Create the missing ordinals (in order, each waiting for its predecessors unless Parallel).
        for (var i = 0; i < desired; i++)
        {
            if (pods.TryGetValue(i, out var existing))
            {
                if (!parallel && !IsRunningAndReady(existing))
                {
                    return await StatusAsync(set, pods.Values, revision);
                }

                continue;
            }

            var created = await CreatePodAsync(set, i, revision, cancellationToken);
            pods[i] = created;
            if (!parallel)
            {
                return await StatusAsync(set, pods.Values, revision);
            }
        }

        // Remove ordinals beyond the desired count, highest first.
        foreach (var (ordinal, pod) in pods.Where(p => p.Key >= desired).OrderByDescending(p => p.Key).ToList())
        {
            await DeleteAsync(set, pod, cancellationToken);
            pods.Remove(ordinal);
            if (!parallel)
            {
                return await StatusAsync(set, pods.Values, revision);
            }
        }

        // Roll an older template out, highest ordinal first, once every pod is ready.
        if (pods.Values.All(IsRunningAndReady)
            && pods.OrderByDescending(p => p.Key).FirstOrDefault(p => p.Value.Metadata.Labels?.GetValueOrDefault(TemplateHash.RevisionLabel) != revision) is { Value: { } outdated } entry)
        {
            await DeleteAsync(set, outdated, cancellationToken);
            pods.Remove(entry.Key);
        }

        return await StatusAsync(set, pods.Values, revision);

        async Task<ReconcileResult> StatusAsync(StatefulSet s, IEnumerable<Pod> current, string updateRevision)
        {
            await UpdateStatusAsync(s, current.ToList(), updateRevision, cancellationToken);
            return ReconcileResult.Done;
        }
    }

    private async Task<Pod> CreatePodAsync(StatefulSet set, int ordinal, string revision, CancellationToken cancellationToken)
    {
        var podName = $"{set.Metadata.Name}-{ordinal.ToString(CultureInfo.InvariantCulture)}";
        var pod = PodFromTemplate.Create(set.Spec.Template, set, "StatefulSet", "apps/v1", name: podName);
        pod.Metadata.Labels![PodNameLabel] = podName;
        pod.Metadata.Labels[PodIndexLabel] = ordinal.ToString(CultureInfo.InvariantCulture);
        pod.Metadata.Labels[TemplateHash.RevisionLabel] = revision;
        var created = await stores.Pods.CreateAsync(pod, cancellationToken);
        await events.NormalAsync(set, "StatefulSet", "apps/v1", Component, "SuccessfulCreate", $"create Pod {podName} in StatefulSet {set.Metadata.Name} successful", cancellationToken);
        return created;
    }

    private async Task DeleteAsync(StatefulSet set, Pod pod, CancellationToken cancellationToken)
    {
        await stores.Pods.DeleteAsync(pod.Metadata.Namespace, pod.Metadata.Name!, pod.Metadata.Uid, cancellationToken);
        await events.NormalAsync(set, "StatefulSet", "apps/v1", Component, "SuccessfulDelete", $"delete Pod {pod.Metadata.Name} in StatefulSet {set.Metadata.Name} successful", cancellationToken);
    }

    private async Task UpdateStatusAsync(StatefulSet set, List<Pod> pods, string revision, CancellationToken cancellationToken)
    {
        var status = set.Status ?? new StatefulSetStatus();
        var ready = pods.Count(PodConditions.IsReady);
        var updated = pods.Count(p => p.Metadata.Labels?.GetValueOrDefault(TemplateHash.RevisionLabel) == revision);
        status.ObservedGeneration = set.Metadata.Generation;
        status.Replicas = pods.Count;
        status.ReadyReplicas = ready;
        status.AvailableReplicas = ready;
        status.UpdatedReplicas = updated;
        status.UpdateRevision = revision;

        // The rollout is over when every pod runs the update revision: it becomes the current one.
        if (updated == pods.Count && pods.Count == (set.Spec.Replicas ?? 1))
        {
            status.CurrentRevision = revision;
        }

        status.CurrentReplicas = pods.Count(p => p.Metadata.Labels?.GetValueOrDefault(TemplateHash.RevisionLabel) == (status.CurrentRevision ?? revision));
        set.Status = status;
        await stores.StatefulSets.UpdateStatusAsync(set, cancellationToken);
    }

    private static bool IsRunningAndReady(Pod pod) => pod.Status?.Phase == "Running" && PodConditions.IsReady(pod);

    /// <summary>The ordinal in "&lt;set&gt;-&lt;n&gt;"; -1 for a pod of another name, which the set ignores.</summary>
    private static int Ordinal(string setName, string podName) =>
        podName.StartsWith(setName + "-", StringComparison.Ordinal)
        && int.TryParse(podName.AsSpan(setName.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal) ? ordinal : -1;
}

using System.Globalization;
using Microsoft.Extensions.Logging;
using Tke.SimCluster.Controllers.Runtime;
using Tke.SimCluster.Core;
using Tke.SimCluster.Policy;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Controllers;

/// <summary>
/// Keeps each PodDisruptionBudget's status: expected pods (the scale of the pods' controllers,
/// so a pod evicted and not yet replaced still counts), healthy pods (ready and not just
/// evicted), desired healthy and the disruptions allowed, which the eviction endpoint spends.
/// </summary>
public sealed class DisruptionController(ClusterStores stores, TimeProvider clock, ILogger logger)
{
    /// <summary>An eviction not seen deleted by then is forgotten, as Kubernetes' DeletionTimeout.</summary>
    private static readonly TimeSpan DisruptedPodTimeout = TimeSpan.FromMinutes(2);

    public ReconcileLoop CreateLoop() =>
        new ReconcileLoop("disruption", ReconcileAsync, logger, clock)
            .Watch(stores.DisruptionBudgets.Store, ObjectKey.Self)
            .Watch(stores.Pods.Store, e => [ObjectKey.Of(e.Item.Object.Metadata.Namespace, "")])
            .Watch(stores.ReplicaSets.Store, e => [ObjectKey.Of(e.Item.Object.Metadata.Namespace, "")])
            .Watch(stores.StatefulSets.Store, e => [ObjectKey.Of(e.Item.Object.Metadata.Namespace, "")]);

    /// <summary>A key with an empty name ("ns/") stands for every budget of the namespace: a pod changed there.</summary>
    private async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectKey.Split(key);
        var budgets = name.Length > 0
            ? [await stores.DisruptionBudgets.GetAsync(ns, name, cancellationToken)]
            : (await stores.DisruptionBudgets.ListAsync(ns, cancellationToken)).Cast<PodDisruptionBudget?>().ToList();
        var live = budgets.OfType<PodDisruptionBudget>().Where(b => b.Metadata.DeletionTimestamp is null).ToList();
        if (live.Count == 0)
        {
            return ReconcileResult.Done;
        }

        var pods = await stores.Pods.ListAsync(ns, cancellationToken);
        var requeue = false;
        foreach (var budget in live)
        {
            requeue |= await UpdateAsync(budget, pods, cancellationToken);
        }

        // Pending evictions expire on a timer, not on a change.
        return requeue ? ReconcileResult.After(TimeSpan.FromSeconds(1)) : ReconcileResult.Done;
    }

    private async Task<bool> UpdateAsync(PodDisruptionBudget budget, List<Pod> allPods, CancellationToken cancellationToken)
    {
        var selector = budget.Spec.Selector ?? new LabelSelector();
        var pods = allPods.Where(p => PodFromTemplate.IsActive(p) && selector.Matches(p.Metadata.Labels)).ToList();
        var now = clock.GetUtcNow();
        var disrupted = PendingEvictions(budget.Status?.DisruptedPods, pods, now);
        var healthy = pods.Count(p => PodConditions.IsReady(p) && !disrupted.ContainsKey(p.Metadata.Name ?? ""));
        var expected = await ExpectedPodsAsync(budget, pods, cancellationToken);
        var numbers = DisruptionBudgetMath.Compute(budget.Spec.MinAvailable, budget.Spec.MaxUnavailable, expected, healthy);

        var old = budget.Status;
        var allowed = numbers.DisruptionsAllowed > 0;
        if (old is not null && old.ExpectedPods == numbers.ExpectedPods && old.CurrentHealthy == numbers.CurrentHealthy
            && old.DesiredHealthy == numbers.DesiredHealthy && old.DisruptionsAllowed == numbers.DisruptionsAllowed
            && old.ObservedGeneration == budget.Metadata.Generation && (old.DisruptedPods?.Count ?? 0) == disrupted.Count
            && old.Conditions?.FirstOrDefault(c => c.Type == "DisruptionAllowed")?.Status == (allowed ? "True" : "False"))
        {
            return disrupted.Count > 0;
        }

        budget.Status = new PodDisruptionBudgetStatus
        {
            ObservedGeneration = budget.Metadata.Generation,
            DisruptedPods = disrupted.Count > 0 ? disrupted : null,
            ExpectedPods = numbers.ExpectedPods,
            CurrentHealthy = numbers.CurrentHealthy,
            DesiredHealthy = numbers.DesiredHealthy,
            DisruptionsAllowed = numbers.DisruptionsAllowed,
            Conditions = [Condition(old, allowed, now)],
        };
        await stores.DisruptionBudgets.UpdateStatusAsync(budget, cancellationToken);
        return disrupted.Count > 0;
    }

    /// <summary>Evictions whose pod still exists and that are not older than the timeout.</summary>
    private static Dictionary<string, string> PendingEvictions(Dictionary<string, string>? disrupted, List<Pod> pods, DateTimeOffset now)
    {
        var names = pods.Select(p => p.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        return (disrupted ?? []).Where(d => names.Contains(d.Key)
                && DateTimeOffset.TryParse(d.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && now - at < DisruptedPodTimeout)
            .ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// An integer minAvailable counts the pods themselves, as Kubernetes does; otherwise the scale
    /// of the pods' ReplicaSets and StatefulSets, so an evicted pod leaves a gap until replaced.
    /// </summary>
    private async Task<int> ExpectedPodsAsync(PodDisruptionBudget budget, List<Pod> pods, CancellationToken cancellationToken)
    {
        if (budget.Spec.MaxUnavailable is null && budget.Spec.MinAvailable is { Number: not null })
        {
            return pods.Count;
        }

        var expected = 0;
        var counted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            var owner = ObjectKey.ControllerOf(pod);
            int? scale = owner?.Kind switch
            {
                "ReplicaSet" => (await stores.ReplicaSets.GetAsync(pod.Metadata.Namespace, owner.Name, cancellationToken))?.Spec.Replicas,
                "StatefulSet" => (await stores.StatefulSets.GetAsync(pod.Metadata.Namespace, owner.Name, cancellationToken))?.Spec.Replicas,
                _ => null,
            };
            if (scale is null)
            {
                expected++;
            }
            else if (counted.Add(owner!.Kind + "/" + owner.Name))
            {
                expected += scale.Value;
            }
        }

        return expected;
    }

    private static WorkloadCondition Condition(PodDisruptionBudgetStatus? old, bool allowed, DateTimeOffset now)
    {
        var status = allowed ? "True" : "False";
        var previous = old?.Conditions?.FirstOrDefault(c => c.Type == "DisruptionAllowed");
        return new WorkloadCondition
        {
            Type = "DisruptionAllowed",
            Status = status,
            Reason = allowed ? "SufficientPods" : "InsufficientPods",
            Message = "",
            LastTransitionTime = previous?.Status == status ? previous.LastTransitionTime : now,
        };
    }
}

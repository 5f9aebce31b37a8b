using Tke.SimCluster.Apps;

namespace Tke.SimCluster.Controllers;

/// <summary>
/// One step of a Deployment rollout: the replica counts its ReplicaSets should have next, given
/// what they report now. Repeated on every change, the steps converge on the current ReplicaSet
/// at the desired size and the old ones at 0.
/// </summary>
public static class RolloutPlan
{
    /// <summary>Recreate: every old pod goes before any new one starts.</summary>
    public static List<(ReplicaSet Rs, int Replicas)> Recreate(int desired, ReplicaSet current, List<ReplicaSet> olds)
    {
        var plan = olds.Select(rs => (rs, 0)).ToList();
        var oldPodsLeft = olds.Sum(rs => Math.Max(rs.Spec.Replicas ?? 0, rs.Status?.Replicas ?? 0));
        plan.Add((current, oldPodsLeft == 0 ? desired : current.Spec.Replicas ?? 0));
        return plan;
    }

    /// <summary>RollingUpdate: the current ReplicaSet grows while all pods stay within desired +
    /// maxSurge; old ones shrink while available pods stay at least desired - maxUnavailable
    /// (their unavailable pods may always go).</summary>
    public static List<(ReplicaSet Rs, int Replicas)> Rolling(int desired, int maxSurge, int maxUnavailable, ReplicaSet current, List<ReplicaSet> olds)
    {
        var plan = new List<(ReplicaSet, int)>();
        var newReplicas = current.Spec.Replicas ?? 0;
        var oldReplicas = olds.Sum(rs => rs.Spec.Replicas ?? 0);
        if (newReplicas > desired)
        {
            newReplicas = desired;
        }
        else if (newReplicas < desired)
        {
            var room = desired + maxSurge - oldReplicas - newReplicas;
            newReplicas = Math.Min(desired, newReplicas + Math.Max(0, room));
        }

        plan.Add((current, newReplicas));

        var available = Available(current) + olds.Sum(Available);
        var removable = available - (desired - maxUnavailable);
        foreach (var rs in olds)
        {
            var replicas = rs.Spec.Replicas ?? 0;
            var unavailable = replicas - Available(rs);
            var take = Math.Min(replicas, unavailable + Math.Max(0, removable));
            removable -= Math.Max(0, take - unavailable);
            plan.Add((rs, replicas - take));
        }

        return plan;
    }

    /// <summary>Available pods, counting no more than the set is scaled to: a status not yet caught
    /// up with a scale-down must not let the next step remove more than allowed.</summary>
    private static int Available(ReplicaSet rs) => Math.Min(rs.Spec.Replicas ?? 0, rs.Status?.AvailableReplicas ?? 0);
}

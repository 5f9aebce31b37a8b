using Tke.Platform.Apis.Clusters;
using Tke.Platform.Apis.Shared;

namespace Tke.Platform.Clusters;

/// <summary>
/// The phase state machine of cluster health: Initializing until the first successful probe,
/// Running while probes succeed, Failed after <c>failureThreshold</c> consecutive failures and
/// Running again on the next success; Terminating once deletion has begun. Every probe updates
/// the HealthCheck condition (status, reason, message, lastProbeTime; lastTransitionTime only
/// when its status changes).
/// </summary>
public static class ClusterHealthTransition
{
    public const string HealthCheckCondition = "HealthCheck";

    /// <summary>Applies one probe result to <paramref name="status"/> (changed in place and returned).</summary>
    public static ClusterStatus Apply(ClusterStatus status, ClusterProbeResult result, int consecutiveFailures, int failureThreshold, DateTimeOffset now)
    {
        if (result.Succeeded)
        {
            status.Version = result.GitVersion;
            status.NodeCount = result.NodeCount;
            status.ReadyNodeCount = result.ReadyNodes;
            status.Resource ??= new ClusterResource();
            status.Resource.Capacity = result.Capacity;
            status.Resource.Allocatable = result.Allocatable;
            SetCondition(status, ConditionStatus.True, result.Reason, $"{result.GitVersion}: {result.NodeCount} nodes, {result.ReadyNodes} ready", now);
            if (OwnsPhase(status.Phase))
            {
                status.Phase = ClusterPhases.Running;
                status.Reason = null;
                status.Message = null;
            }

            return status;
        }

        SetCondition(status, ConditionStatus.False, result.Reason, result.Message, now);
        if (!OwnsPhase(status.Phase))
        {
            return status;
        }

        if (consecutiveFailures >= failureThreshold || status.Phase == ClusterPhases.Failed)
        {
            status.Phase = ClusterPhases.Failed;
            status.Reason = result.Reason;
            status.Message = result.Message;
        }
        else if (string.IsNullOrEmpty(status.Phase))
        {
            status.Phase = ClusterPhases.Initializing;
        }

        return status;
    }

    /// <summary>Deletion has begun: the cluster is no longer probed and says so.</summary>
    public static ClusterStatus MarkTerminating(ClusterStatus status)
    {
        status.Phase = ClusterPhases.Terminating;
        status.Reason = "Deleting";
        status.Message = "the cluster is being deleted";
        return status;
    }

    /// <summary>Installation, upgrades and scaling own the phase while they run; health only reports its condition then.</summary>
    public static bool OwnsPhase(string? phase) =>
        string.IsNullOrEmpty(phase) || phase is ClusterPhases.Initializing or ClusterPhases.Running or ClusterPhases.Failed;

    private static void SetCondition(ClusterStatus status, string conditionStatus, string reason, string? message, DateTimeOffset now)
    {
        status.Conditions ??= [];
        var condition = status.Conditions.FirstOrDefault(c => c.Type == HealthCheckCondition);
        if (condition is null)
        {
            condition = new Condition { Type = HealthCheckCondition };
            status.Conditions.Add(condition);
        }

        if (condition.Status != conditionStatus || condition.LastTransitionTime is null)
        {
            condition.LastTransitionTime = now;
        }

        condition.Status = conditionStatus;
        condition.Reason = reason;
        condition.Message = message;
        condition.LastProbeTime = now;
    }
}

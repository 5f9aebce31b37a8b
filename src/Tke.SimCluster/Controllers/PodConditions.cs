using Tke.SimCluster.Core;

namespace Tke.SimCluster.Controllers;

/// <summary>Sets a pod condition, moving its transition time only when its status changes.</summary>
public static class PodConditions
{
    public static void Set(PodStatus status, string type, string value, string? reason, string? message, DateTimeOffset now)
    {
        status.Conditions ??= [];
        var condition = status.Conditions.FirstOrDefault(c => c.Type == type);
        if (condition is null)
        {
            condition = new PodCondition { Type = type };
            status.Conditions.Add(condition);
        }

        if (condition.Status != value)
        {
            condition.LastTransitionTime = now;
        }

        condition.Status = value;
        condition.Reason = reason;
        condition.Message = message;
    }

    public static bool IsReady(Pod pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
}

using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Controllers;

/// <summary>Sets a workload condition; times move only when something about it changes, so an
/// unchanged status writes nothing.</summary>
public static class WorkloadConditions
{
    public static List<WorkloadCondition> Set(List<WorkloadCondition>? conditions, string type, string status, string reason, string message, DateTimeOffset now)
    {
        conditions ??= [];
        var condition = conditions.FirstOrDefault(c => c.Type == type);
        if (condition is null)
        {
            condition = new WorkloadCondition { Type = type };
            conditions.Add(condition);
        }

        if (condition.Status != status)
        {
            condition.LastTransitionTime = now;
        }

        if (condition.Status != status || condition.Reason != reason || condition.Message != message)
        {
            condition.LastUpdateTime = now;
        }

        condition.Status = status;
        condition.Reason = reason;
        condition.Message = message;
        return conditions;
    }
}

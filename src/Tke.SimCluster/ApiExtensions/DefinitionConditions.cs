namespace Tke.SimCluster.ApiExtensions;

/// <summary>Sets a definition's conditions, keeping lastTransitionTime while the status stays the same.</summary>
public static class DefinitionConditions
{
    /// <summary>Returns true when anything changed.</summary>
    public static bool Set(CustomResourceDefinitionStatus status, string type, string value, string reason, string message, TimeProvider clock)
    {
        var conditions = status.Conditions ??= [];
        var existing = conditions.FirstOrDefault(c => c.Type == type);
        if (existing is not null && existing.Status == value && existing.Reason == reason && existing.Message == message)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var transitioned = existing is null || existing.Status != value;
        var condition = new CustomResourceDefinitionCondition
        {
            Type = type,
            Status = value,
            Reason = reason,
            Message = message,
            LastTransitionTime = transitioned ? new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero) : existing!.LastTransitionTime,
        };
        if (existing is null)
        {
            conditions.Add(condition);
        }
        else
        {
            conditions[conditions.IndexOf(existing)] = condition;
        }

        return true;
    }

    public static CustomResourceDefinitionCondition? Find(CustomResourceDefinition crd, string type) =>
        crd.Status?.Conditions?.FirstOrDefault(c => c.Type == type);
}

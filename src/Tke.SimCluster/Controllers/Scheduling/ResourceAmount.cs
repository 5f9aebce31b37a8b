using Tke.Kubernetes.Resources;

namespace Tke.SimCluster.Controllers.Scheduling;

/// <summary>A resource quantity ("500m", "1.5Gi", "1e3") as the scheduler adds and compares it: its
/// value in base units.</summary>
public static class ResourceAmount
{
    /// <summary>An unreadable or missing quantity counts as zero (validation owns rejecting it).</summary>
    public static decimal Of(string? quantity) => Quantity.TryParse(quantity, out var parsed) ? parsed.Value : 0;
}

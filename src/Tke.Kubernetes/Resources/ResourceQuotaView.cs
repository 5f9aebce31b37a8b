using System.Text.Json.Nodes;

namespace Tke.Kubernetes.Resources;

/// <summary>A core/v1 ResourceQuota: its hard limits and current use, per resource name.</summary>
public sealed record ResourceQuotaView(ObjectMeta Metadata, IReadOnlyDictionary<string, Quantity> Hard, IReadOnlyDictionary<string, Quantity> Used)
{
    public string Name => Metadata.Name;

    public string? Namespace => Metadata.Namespace;

    /// <summary>Spec hard limits; status.hard when the spec is not there (as the quota controller reports it).</summary>
    public static ResourceQuotaView From(JsonObject quota)
    {
        var specHard = JsonFields.QuantityMap(quota["spec"]?["hard"]);
        return new ResourceQuotaView(
            ObjectMeta.From(quota),
            specHard.Count > 0 ? specHard : JsonFields.QuantityMap(quota["status"]?["hard"]),
            JsonFields.QuantityMap(quota["status"]?["used"]));
    }
}

using Tke.ApiMachinery.Kinds;
using Tke.SimCluster.Shared;
using Tke.ApiMachinery.Objects;

namespace Tke.SimCluster.Core;

/// <summary>core/v1 resourcequotas, printed as kubectl prints them: requests and limits as used/hard.</summary>
public sealed class ResourceQuotaKind : KubernetesKind<ResourceQuota>
{
    public override string Group => "";

    public override string Kind => "ResourceQuota";

    public override string Plural => "resourcequotas";

    public override IReadOnlyList<string> ShortNames => ["quota"];

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Request", q => Usage(q, limits: false), description: "Used and hard amounts of the resources other than limits."),
        Column("Limit", q => Usage(q, limits: true), description: "Used and hard amounts of limits.*."),
    ];

    private static string Usage(ResourceQuota quota, bool limits)
    {
        var hard = quota.Status?.Hard ?? quota.Spec.Hard ?? new ResourceList();
        var used = quota.Status?.Used ?? new ResourceList();
        var parts = hard
            .Where(kv => kv.Key.StartsWith("limits.", StringComparison.Ordinal) == limits)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => $"{kv.Key}: {used.GetValueOrDefault(kv.Key, "0")}/{kv.Value}");
        return string.Join(", ", parts);
    }
}

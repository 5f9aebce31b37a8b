using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;

namespace Tke.Registry.Apis.Charts;

public sealed class ChartKind : RegistryKind<Chart>
{
    public override string Kind => "Chart";

    public override string Plural => "charts";

    public override IReadOnlyList<string> ShortNames => ["chart"];

    public override KindScope Scope => KindScope.Namespaced;

    // TKEStack generates chart names with the same prefix as image repositories.
    public override string? DefaultGenerateName => "repo-";

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Chart", c => c.Spec.Name, description: "Chart name."),
        Column("Chart Group", c => c.Spec.ChartGroupName, description: "Repository holding the chart."),
        Column("Versions", c => c.Status?.Versions?.Count ?? 0, "integer", description: "Number of versions."),
        Column("Pulls", c => c.Status?.PullCount ?? 0, "integer", description: "Number of downloads."),
        Column("Phase", c => c.Status?.Phase, description: "Lifecycle phase."),
        Column("Tenant", c => c.Spec.TenantId, priority: 1, description: "Owning tenant."),
    ];

    protected override IReadOnlyDictionary<string, Func<Chart, string?>> TypedSelectableFields => new Dictionary<string, Func<Chart, string?>>
    {
        ["spec.tenantID"] = c => c.Spec.TenantId,
        ["spec.name"] = c => c.Spec.Name,
        ["spec.chartGroupName"] = c => c.Spec.ChartGroupName,
    };

    protected override void ValidateUpdate(Chart obj, Chart old, FieldErrorList errors)
    {
        FieldChecks.Unchanged(obj.Spec.TenantId, old.Spec.TenantId, "spec.tenantID", errors);
        FieldChecks.Unchanged(obj.Spec.Name, old.Spec.Name, "spec.name", errors);
        FieldChecks.Unchanged(obj.Spec.ChartGroupName, old.Spec.ChartGroupName, "spec.chartGroupName", errors);
    }
}

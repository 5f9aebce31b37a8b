using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Validation;

namespace Tke.LogAgent.Apis.LogAgents;

public sealed class LogAgentKind : KindDefinition<LogAgent>
{
    /// <summary>Version installed when the spec names none, as in TKEStack.</summary>
    public const string DefaultVersion = "1.0.0";

    public override string Group => LogAgentApiGroup.GroupName;

    public override string Version => LogAgentApiGroup.Version;

    public override string Kind => "LogAgent";

    public override string Plural => "logagents";

    public override IReadOnlyList<string> ShortNames => ["loga"];

    public override string? DefaultGenerateName => "lc-";

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Cluster", a => a.Spec.ClusterName, description: "Cluster of the add-on."),
        Column("Version", a => a.Status?.Version ?? a.Spec.Version, description: "Installed (or requested) version."),
        Column("Phase", a => a.Status?.Phase, description: "Lifecycle phase."),
        Column("Tenant", a => a.Spec.TenantId, priority: 1, description: "Owning tenant."),
    ];

    protected override IReadOnlyDictionary<string, Func<LogAgent, string?>> TypedSelectableFields => new Dictionary<string, Func<LogAgent, string?>>
    {
        ["spec.tenantID"] = a => a.Spec.TenantId,
        ["spec.clusterName"] = a => a.Spec.ClusterName,
        ["spec.version"] = a => a.Spec.Version,
        ["status.version"] = a => a.Status?.Version,
        ["status.phase"] = a => a.Status?.Phase,
    };

    protected override void Default(LogAgent obj)
    {
        if (string.IsNullOrEmpty(obj.Spec.Version))
        {
            obj.Spec.Version = DefaultVersion;
        }
    }

    protected override void ValidateUpdate(LogAgent obj, LogAgent old, FieldErrorList errors)
    {
        Unchanged(obj.Spec.ClusterName, old.Spec.ClusterName, "spec.clusterName", errors);
        Unchanged(obj.Spec.TenantId, old.Spec.TenantId, "spec.tenantID", errors);
    }

    private static void Unchanged(string current, string previous, string path, FieldErrorList errors)
    {
        if (!string.Equals(current, previous, StringComparison.Ordinal))
        {
            errors.Invalid(path, current, "field is immutable");
        }
    }
}

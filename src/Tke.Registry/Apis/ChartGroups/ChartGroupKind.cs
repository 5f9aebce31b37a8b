using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;

namespace Tke.Registry.Apis.ChartGroups;

public sealed class ChartGroupKind : RegistryKind<ChartGroup>
{
    public override string Kind => "ChartGroup";

    public override string Plural => "chartgroups";

    public override IReadOnlyList<string> ShortNames => ["rcg"];

    public override string? DefaultGenerateName => "rcg-";

    /// <summary>TKEStack's "sync repository" action for imported chart groups.</summary>
    public const string SyncSubresource = "repoupdating";

    public override IReadOnlyList<ExtraSubresource> ExtraSubresources => [new(SyncSubresource, "ChartGroup", ["create"])];

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Repo", g => g.Spec.Name, description: "Repository name."),
        Column("Type", g => g.Spec.Type, description: "SelfBuilt, Imported or System."),
        Column("Visibility", g => g.Spec.Visibility, description: "Who may use the repository."),
        Column("Charts", g => g.Status?.ChartCount ?? 0, "integer", description: "Number of charts."),
        Column("Phase", g => g.Status?.Phase, description: "Lifecycle phase."),
        Column("Tenant", g => g.Spec.TenantId, priority: 1, description: "Owning tenant."),
    ];

    protected override IReadOnlyDictionary<string, Func<ChartGroup, string?>> TypedSelectableFields => new Dictionary<string, Func<ChartGroup, string?>>
    {
        ["spec.tenantID"] = g => g.Spec.TenantId,
        ["spec.name"] = g => g.Spec.Name,
        ["spec.type"] = g => g.Spec.Type,
        ["spec.visibility"] = g => g.Spec.Visibility,
    };

    protected override void Default(ChartGroup obj)
    {
        if (string.IsNullOrEmpty(obj.Spec.Type))
        {
            obj.Spec.Type = RepoTypes.SelfBuilt;
        }
    }

    protected override void Validate(ChartGroup obj, FieldErrorList errors)
    {
        var spec = obj.Spec;
        if (spec.Type == RepoTypes.Imported)
        {
            var addr = spec.ImportedInfo?.Addr;
            if (string.IsNullOrEmpty(addr))
            {
                errors.Required("spec.importedInfo.addr", "an imported repository needs the address of the third-party repository");
            }
            else if (!Uri.TryCreate(addr, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                errors.Invalid("spec.importedInfo.addr", addr, "must be an http or https URL");
            }
        }

        // TKEStack: system repositories are visible to everyone; personal ones belong to no project.
        if (spec.Type == RepoTypes.System && spec.Visibility != Visibilities.Public)
        {
            errors.Invalid("spec.visibility", spec.Visibility, "visibility must be Public when type is System");
        }

        if (spec.Type == RepoTypes.LegacyPersonal && spec.Projects is { Count: > 0 })
        {
            errors.Invalid("spec.projects", spec.Projects.Count, "projects must be empty when type is personal");
        }

        if (spec.Visibility == Visibilities.User && spec.Users is not { Count: > 0 })
        {
            errors.Required("spec.users", "visibility User needs at least one user");
        }

        if (spec.Visibility == Visibilities.Project && spec.Projects is not { Count: > 0 })
        {
            errors.Required("spec.projects", "visibility Project needs at least one project");
        }
    }

    protected override void ValidateUpdate(ChartGroup obj, ChartGroup old, FieldErrorList errors)
    {
        Validate(obj, errors);
        FieldChecks.Unchanged(obj.Spec.TenantId, old.Spec.TenantId, "spec.tenantID", errors);
        FieldChecks.Unchanged(obj.Spec.Name, old.Spec.Name, "spec.name", errors);
        FieldChecks.Unchanged(obj.Spec.Type, old.Spec.Type, "spec.type", errors);
    }
}

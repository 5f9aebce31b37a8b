using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;

namespace Tke.Registry.Apis.Repositories;

public sealed class RepositoryKind : RegistryKind<Repository>
{
    public override string Kind => "Repository";

    public override string Plural => "repositories";

    public override IReadOnlyList<string> ShortNames => ["repo"];

    public override KindScope Scope => KindScope.Namespaced;

    public override string? DefaultGenerateName => "repo-";

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Repository", r => r.Spec.Name, description: "Image name."),
        Column("Registry Namespace", r => r.Spec.NamespaceName, description: "Image namespace."),
        Column("Visibility", r => r.Spec.Visibility, description: "Public or Private."),
        Column("Tags", r => r.Status?.Tags?.Count ?? 0, "integer", description: "Number of pushed tags."),
        Column("Pulls", r => r.Status?.PullCount ?? 0, "integer", description: "Number of pulls."),
        Column("Tenant", r => r.Spec.TenantId, priority: 1, description: "Owning tenant."),
    ];

    protected override IReadOnlyDictionary<string, Func<Repository, string?>> TypedSelectableFields => new Dictionary<string, Func<Repository, string?>>
    {
        ["spec.tenantID"] = r => r.Spec.TenantId,
        ["spec.name"] = r => r.Spec.Name,
        ["spec.namespaceName"] = r => r.Spec.NamespaceName,
    };

    protected override void ValidateUpdate(Repository obj, Repository old, FieldErrorList errors)
    {
        FieldChecks.Unchanged(obj.Spec.TenantId, old.Spec.TenantId, "spec.tenantID", errors);
        FieldChecks.Unchanged(obj.Spec.Name, old.Spec.Name, "spec.name", errors);
        FieldChecks.Unchanged(obj.Spec.NamespaceName, old.Spec.NamespaceName, "spec.namespaceName", errors);
    }
}

using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;

namespace Tke.Registry.Apis.Namespaces;

public sealed class NamespaceKind : RegistryKind<Namespace>
{
    public override string Kind => "Namespace";

    public override string Plural => "namespaces";

    public override IReadOnlyList<string> ShortNames => ["rns"];

    public override string? DefaultGenerateName => "rns-";

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Namespace", n => n.Spec.Name, description: "Name used in image references."),
        Column("Display Name", n => n.Spec.DisplayName, description: "Description."),
        Column("Visibility", n => n.Spec.Visibility, description: "Public or Private."),
        Column("Repos", n => n.Status?.RepoCount ?? 0, "integer", description: "Number of image repositories."),
        Column("Tenant", n => n.Spec.TenantId, priority: 1, description: "Owning tenant."),
    ];

    protected override IReadOnlyDictionary<string, Func<Namespace, string?>> TypedSelectableFields => new Dictionary<string, Func<Namespace, string?>>
    {
        ["spec.tenantID"] = n => n.Spec.TenantId,
        ["spec.name"] = n => n.Spec.Name,
    };

    protected override void ValidateUpdate(Namespace obj, Namespace old, FieldErrorList errors)
    {
        FieldChecks.Unchanged(obj.Spec.TenantId, old.Spec.TenantId, "spec.tenantID", errors);
        FieldChecks.Unchanged(obj.Spec.Name, old.Spec.Name, "spec.name", errors);
    }
}

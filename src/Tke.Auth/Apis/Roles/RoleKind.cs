using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.Auth.Apis.Subjects;

namespace Tke.Auth.Apis.Roles;

public sealed class RoleKind : AuthKind<Role>
{
    public override string Kind => "Role";

    public override string Plural => "roles";

    public override IReadOnlyList<string> ShortNames => ["rol"];

    public override string? DefaultGenerateName => "rol-";

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Display Name", r => r.Spec.DisplayName, description: "Role name."),
        Column("Policies", r => r.Spec.Policies?.Count ?? 0, "integer", description: "Number of policies in the role."),
        Column("Phase", r => r.Status?.Phase, description: "Lifecycle phase."),
        Column("Tenant", r => r.Spec.TenantId, priority: 1, description: "Tenant of the role."),
    ];

    protected override IReadOnlyDictionary<string, Func<Role, string?>> TypedSelectableFields => new Dictionary<string, Func<Role, string?>>
    {
        ["spec.displayName"] = r => r.Spec.DisplayName,
        ["spec.tenantID"] = r => r.Spec.TenantId,
        ["spec.username"] = r => r.Spec.Username,
    };

    protected override void Validate(Role obj, FieldErrorList errors)
    {
        FieldChecks.DistinctNames(obj.Spec.Policies, "spec.policies", errors);
        SubjectChecks.Users(obj.Status?.Users, "status.users", errors);
        SubjectChecks.Groups(obj.Status?.Groups, "status.groups", errors);
    }

    protected override void ValidateUpdate(Role obj, Role old, FieldErrorList errors)
    {
        Validate(obj, errors);
        FieldChecks.Unchanged(obj.Spec.TenantId, old.Spec.TenantId, "spec.tenantID", errors);
    }
}

using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.Auth.Apis.Subjects;

namespace Tke.Auth.Apis.LocalGroups;

public sealed class LocalGroupKind : AuthKind<LocalGroup>
{
    public override string Kind => "LocalGroup";

    public override string Plural => "localgroups";

    public override IReadOnlyList<string> ShortNames => ["grp"];

    public override string? DefaultGenerateName => "grp-";

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Display Name", g => g.Spec.DisplayName, description: "Group name."),
        Column("Members", g => g.Status?.Users?.Count ?? 0, "integer", description: "Number of users in the group."),
        Column("Phase", g => g.Status?.Phase, description: "Lifecycle phase."),
        Column("Creator", g => g.Spec.Username, priority: 1, description: "User who created the group."),
        Column("Tenant", g => g.Spec.TenantId, priority: 1, description: "Tenant of the group."),
    ];

    protected override IReadOnlyDictionary<string, Func<LocalGroup, string?>> TypedSelectableFields => new Dictionary<string, Func<LocalGroup, string?>>
    {
        ["spec.displayName"] = g => g.Spec.DisplayName,
        ["spec.tenantID"] = g => g.Spec.TenantId,
        ["spec.username"] = g => g.Spec.Username,
    };

    protected override void Validate(LocalGroup obj, FieldErrorList errors) =>
        SubjectChecks.Users(obj.Status?.Users, "status.users", errors);

    protected override void ValidateUpdate(LocalGroup obj, LocalGroup old, FieldErrorList errors)
    {
        Validate(obj, errors);
        FieldChecks.Unchanged(obj.Spec.TenantId, old.Spec.TenantId, "spec.tenantID", errors);
    }
}

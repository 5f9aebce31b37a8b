using Tke.ApiMachinery.Kinds;

namespace Tke.Auth.Apis.Groups;

public sealed class GroupKind : AuthKind<Group>
{
    public override string Kind => "Group";

    public override string Plural => "groups";

    // TKEStack serves groups from the identity provider, without a status endpoint.
    public override bool HasStatusSubresource => false;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Display Name", g => g.Spec.DisplayName, description: "Group name."),
        Column("Members", g => g.Status?.Users?.Count ?? 0, "integer", description: "Number of users in the group."),
        Column("Tenant", g => g.Spec.TenantId, priority: 1, description: "Tenant of the group."),
    ];

    protected override IReadOnlyDictionary<string, Func<Group, string?>> TypedSelectableFields => new Dictionary<string, Func<Group, string?>>
    {
        ["spec.tenantID"] = g => g.Spec.TenantId,
    };
}

using Tke.ApiMachinery.Kinds;

namespace Tke.Auth.Apis.Users;

public sealed class UserKind : AuthKind<User>
{
    public override string Kind => "User";

    public override string Plural => "users";

    public override bool HasStatusSubresource => false;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Username", u => u.Spec.Name, description: "Login name."),
        Column("Display Name", u => u.Spec.DisplayName, description: "Name shown in the console."),
        Column("Email", u => u.Spec.Email, description: "Email address."),
        Column("Tenant", u => u.Spec.TenantId, priority: 1, description: "Tenant of the user."),
    ];

    protected override IReadOnlyDictionary<string, Func<User, string?>> TypedSelectableFields => new Dictionary<string, Func<User, string?>>
    {
        ["spec.tenantID"] = u => u.Spec.TenantId,
        ["spec.name"] = u => u.Spec.Name,
    };
}

using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;

namespace Tke.SimCluster.Rbac;

/// <summary>rbac.authorization.k8s.io/v1 roles: rules that a RoleBinding grants in the role's namespace.</summary>
public sealed class RoleKind : RbacKind<Role>
{
    public override string Kind => "Role";

    public override string Plural => "roles";

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Created At", CreatedAt, "date", description: "CreationTimestamp is a timestamp representing the server time when this object was created."),
    ];

    protected override void Validate(Role obj, FieldErrorList errors) => RbacFieldRules.ValidateRules(obj.Rules, namespaced: true, errors);
}

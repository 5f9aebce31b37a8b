using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;

namespace Tke.SimCluster.Rbac;

/// <summary>rbac.authorization.k8s.io/v1 rolebindings: grant a Role or ClusterRole to subjects within one namespace.</summary>
public sealed class RoleBindingKind : RbacKind<RoleBinding>
{
    public override string Kind => "RoleBinding";

    public override string Plural => "rolebindings";

    protected override IReadOnlyList<TableColumn> TypedColumns => BindingColumns.For<RoleBinding>(b => b.RoleRef, b => b.Subjects, Age);

    protected override void Default(RoleBinding obj) => RbacFieldRules.ApplyDefaults(obj.RoleRef, obj.Subjects);

    protected override void Validate(RoleBinding obj, FieldErrorList errors)
    {
        RbacFieldRules.ValidateRoleRef(obj.RoleRef, [RbacFieldRules.RoleKind, RbacFieldRules.ClusterRoleKind], errors);
        RbacFieldRules.ValidateSubjects(obj.Subjects, namespaced: true, errors);
    }

    protected override void ValidateUpdate(RoleBinding obj, RoleBinding old, FieldErrorList errors)
    {
        Validate(obj, errors);
        RbacFieldRules.ValidateRoleRefUnchanged(obj.RoleRef, old.RoleRef, errors);
    }
}

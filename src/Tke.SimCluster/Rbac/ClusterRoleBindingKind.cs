using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;

namespace Tke.SimCluster.Rbac;

/// <summary>rbac.authorization.k8s.io/v1 clusterrolebindings (cluster-scoped): grant a ClusterRole everywhere.</summary>
public sealed class ClusterRoleBindingKind : RbacKind<ClusterRoleBinding>
{
    public override string Kind => "ClusterRoleBinding";

    public override string Plural => "clusterrolebindings";

    public override KindScope Scope => KindScope.Cluster;

    protected override IReadOnlyList<TableColumn> TypedColumns => BindingColumns.For<ClusterRoleBinding>(b => b.RoleRef, b => b.Subjects, Age);

    protected override void Default(ClusterRoleBinding obj) => RbacFieldRules.ApplyDefaults(obj.RoleRef, obj.Subjects);

    protected override void Validate(ClusterRoleBinding obj, FieldErrorList errors)
    {
        RbacFieldRules.ValidateRoleRef(obj.RoleRef, [RbacFieldRules.ClusterRoleKind], errors);
        RbacFieldRules.ValidateSubjects(obj.Subjects, namespaced: false, errors);
    }

    protected override void ValidateUpdate(ClusterRoleBinding obj, ClusterRoleBinding old, FieldErrorList errors)
    {
        Validate(obj, errors);
        RbacFieldRules.ValidateRoleRefUnchanged(obj.RoleRef, old.RoleRef, errors);
    }
}

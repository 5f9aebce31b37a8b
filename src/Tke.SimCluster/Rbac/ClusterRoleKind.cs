using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;

namespace Tke.SimCluster.Rbac;

/// <summary>rbac.authorization.k8s.io/v1 clusterroles (cluster-scoped); an aggregationRule makes the
/// aggregation controller own the rules.</summary>
public sealed class ClusterRoleKind : RbacKind<ClusterRole>
{
    public override string Kind => "ClusterRole";

    public override string Plural => "clusterroles";

    public override KindScope Scope => KindScope.Cluster;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Created At", CreatedAt, "date", description: "CreationTimestamp is a timestamp representing the server time when this object was created."),
    ];

    protected override void Validate(ClusterRole obj, FieldErrorList errors)
    {
        RbacFieldRules.ValidateRules(obj.Rules, namespaced: false, errors);
        RbacFieldRules.ValidateAggregationRule(obj.AggregationRule, errors);
    }
}

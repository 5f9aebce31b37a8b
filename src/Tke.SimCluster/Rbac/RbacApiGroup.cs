using Tke.ApiMachinery.Kinds;

namespace Tke.SimCluster.Rbac;

/// <summary>rbac.authorization.k8s.io/v1 of the simulated cluster: the roles and bindings its RBAC authorizer enforces.</summary>
public sealed class RbacApiGroup : IApiGroup
{
    public const string GroupName = "rbac.authorization.k8s.io";

    public string Name => GroupName;

    public string PreferredVersion => "v1";

    public IReadOnlyList<KindDefinition> Kinds { get; } = [new RoleKind(), new ClusterRoleKind(), new RoleBindingKind(), new ClusterRoleBindingKind()];
}

using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Requests;
using Tke.SimCluster.Controllers.Runtime;

namespace Tke.SimCluster.Rbac;

/// <summary>The typed stores of the four RBAC kinds, written as one system user (a member of system:masters).</summary>
public sealed class RbacStores
{
    public RbacStores(ApiSurface surface, KindCatalog catalog, string user)
    {
        var context = new WriteContext(new RequestUser($"system:{user}", [RequestUser.AllTenantsGroup], ""));
        TypedStore<T> For<T>(string resource)
            where T : ApiObject =>
            new(surface.StoreFor(catalog.Find(RbacApiGroup.GroupName, "v1", resource) ?? throw new InvalidOperationException($"{resource}.{RbacApiGroup.GroupName} is not served")), context);

        Roles = For<Role>("roles");
        ClusterRoles = For<ClusterRole>("clusterroles");
        RoleBindings = For<RoleBinding>("rolebindings");
        ClusterRoleBindings = For<ClusterRoleBinding>("clusterrolebindings");
    }

    public TypedStore<Role> Roles { get; }

    public TypedStore<ClusterRole> ClusterRoles { get; }

    public TypedStore<RoleBinding> RoleBindings { get; }

    public TypedStore<ClusterRoleBinding> ClusterRoleBindings { get; }
}

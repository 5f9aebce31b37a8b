using Microsoft.Extensions.Logging;
using Tke.SimCluster.Controllers.Runtime;

namespace Tke.SimCluster.Rbac.Authorization;

/// <summary>
/// Keeps an <see cref="RbacPolicy"/> level with the stored roles and bindings, as kube-apiserver's
/// RBAC informers do: a watch on the four kinds (the controllers' reconcile loop) queues one rebuild
/// from a fresh read whenever any of them changes. Changes that arrive while a rebuild runs are
/// folded into the next one, so a burst of writes costs two rebuilds, and requests never wait for one.
/// </summary>
public sealed class RbacPolicyCache(RbacStores stores)
{
    private const string RebuildKey = "rbac-policy";

    private volatile RbacPolicy _current = RbacPolicy.Empty;

    public RbacPolicy Current => _current;

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var roles = await stores.Roles.ListAsync(null, cancellationToken);
        var clusterRoles = await stores.ClusterRoles.ListAsync(null, cancellationToken);
        var roleBindings = await stores.RoleBindings.ListAsync(null, cancellationToken);
        var clusterRoleBindings = await stores.ClusterRoleBindings.ListAsync(null, cancellationToken);
        _current = RbacPolicy.Build(roles, clusterRoles, roleBindings, clusterRoleBindings);
    }

    public ReconcileLoop CreateLoop(ILogger logger, TimeProvider clock) =>
        new ReconcileLoop("rbac-policy", RebuildAsync, logger, clock)
            .Watch(stores.Roles.Store, Rebuild)
            .Watch(stores.ClusterRoles.Store, Rebuild)
            .Watch(stores.RoleBindings.Store, Rebuild)
            .Watch(stores.ClusterRoleBindings.Store, Rebuild);

    private static IEnumerable<string> Rebuild(Tke.ApiMachinery.Store.ResourceEvent e) => [RebuildKey];

    private async Task<ReconcileResult> RebuildAsync(string key, CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        return ReconcileResult.Done;
    }
}

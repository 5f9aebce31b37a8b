using Microsoft.Extensions.Logging;
using Tke.SimCluster.Controllers.Runtime;

namespace Tke.SimCluster.Rbac.Bootstrap;

/// <summary>Kubernetes' clusterrole-aggregation controller: whenever a ClusterRole changes, the
/// rules of every ClusterRole with an aggregationRule are recomputed and written if they differ.</summary>
public sealed class ClusterRoleAggregationController(RbacStores stores, TimeProvider clock, ILogger logger)
{
    private const string Key = "aggregation";

    public ReconcileLoop CreateLoop() =>
        new ReconcileLoop("clusterrole-aggregation", ReconcileAsync, logger, clock).Watch(stores.ClusterRoles.Store, _ => [Key]);

    private async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var roles = await stores.ClusterRoles.ListAsync(null, cancellationToken);
        foreach (var (name, rules) in ClusterRoleAggregation.Changes(roles))
        {
            // A conflict throws and the loop retries from fresh state.
            var role = roles.First(r => r.Metadata.Name == name);
            role.Rules = rules;
            await stores.ClusterRoles.UpdateAsync(role, cancellationToken);
        }

        return ReconcileResult.Done;
    }
}

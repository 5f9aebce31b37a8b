using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Http;
using Tke.ApiServer.Components;
using Tke.SimCluster.Controllers.Runtime;
using Tke.SimCluster.Rbac.Authorization;
using Tke.SimCluster.Rbac.Bootstrap;
using Tke.SimCluster.Rbac.Endpoints;
using Tke.SimCluster.Simulation;

namespace Tke.SimCluster.Rbac;

/// <summary>
/// Authorization of the simulated cluster as kube-apiserver --authorization-mode does it: writes the
/// bootstrap roles and bindings, runs the ClusterRole aggregation controller, keeps the RBAC policy
/// in memory from a watch, and authorizes resource requests (the API surface's authorizer), every other
/// request (non-resource paths and the server's own endpoints) and the self reviews kubectl auth can-i uses.
/// </summary>
public sealed class RbacComponent(AuthorizationMode mode) : IServerComponent
{
    public IReadOnlyList<IAdmissionPlugin> CreateAdmissionPlugins(ServerContext context) => [];

    public async Task<ComponentWiring> StartAsync(ServerContext context, ApiSurface surface, Uri address, CancellationToken cancellationToken)
    {
        await BootstrapPolicy.WriteAsync(new SystemWriter(surface, context.Catalog, "rbac-bootstrap"), cancellationToken);
        var logger = context.Logs.CreateLogger("tke.simcluster.rbac");
        var aggregation = new ClusterRoleAggregationController(new RbacStores(surface, context.Catalog, "controller:clusterrole-aggregation-controller"), context.Clock, logger);
        _ = RunAsync(aggregation.CreateLoop(), logger, context.Stopping);

        IClusterAuthorizer authorizer = new AlwaysAllowAuthorizer();
        if (mode == AuthorizationMode.Rbac)
        {
            // The first policy is read before the server takes requests, so none is judged by an empty one.
            var policy = new RbacPolicyCache(new RbacStores(surface, context.Catalog, "rbac-authorizer"));
            await policy.RefreshAsync(cancellationToken);
            _ = RunAsync(policy.CreateLoop(logger, context.Clock), logger, context.Stopping);
            authorizer = new RbacAuthorizer(() => policy.Current);
        }

        return new ComponentWiring
        {
            Authorizer = authorizer,
            Handlers =
            [
                new NonResourceRequestGuard(authorizer, context.Catalog).Handler,
                new SelfSubjectAccessReviewEndpoint(authorizer).Handler,
                new SelfSubjectRulesReviewEndpoint(authorizer).Handler,
            ],
        };
    }

    private static async Task RunAsync(ReconcileLoop loop, ILogger logger, CancellationToken stopping)
    {
        try
        {
            await loop.RunAsync(1, stopping);
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            logger.LogError(e, "an RBAC loop stopped");
        }
    }
}

using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Http;
using Tke.ApiServer.Components;

namespace Tke.SimCluster.ApiExtensions;

/// <summary>Runs the <see cref="CustomResourceDefinitionController"/>: stored definitions are served again
/// before the cluster reports ready, and later changes are followed by a reconcile loop.</summary>
public sealed class CustomResourceComponent : IServerComponent
{
    public IReadOnlyList<IAdmissionPlugin> CreateAdmissionPlugins(ServerContext context) => [];

    public async Task<ComponentWiring> StartAsync(ServerContext context, ApiSurface surface, Uri address, CancellationToken cancellationToken)
    {
        var logger = context.Logs.CreateLogger("tke.simcluster.apiextensions");
        var controller = new CustomResourceDefinitionController(surface, context.Catalog, context.Clock, logger);
        await controller.SyncAllAsync(cancellationToken);
        _ = RunAsync(controller, logger, context.Stopping);
        return new ComponentWiring();
    }

    private static async Task RunAsync(CustomResourceDefinitionController controller, ILogger logger, CancellationToken stopping)
    {
        try
        {
            await controller.CreateLoop().RunAsync(1, stopping);
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            logger.LogError(e, "the custom resource definition controller stopped");
        }
    }
}

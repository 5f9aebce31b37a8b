using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Http;
using Tke.ApiServer.Components;

namespace Tke.Platform.Clusters;

/// <summary>
/// Cluster management inside `tke serve`: imported clusters are checked before they are stored,
/// and every cluster's health, version and capacity are kept in its status.
/// </summary>
public sealed class ClusterComponent(ClusterHealthOptions options) : IServerComponent
{
    // Admission plugins exist before the API surface whose stores they read; they get them at start.
    private ClusterCredentialResolver? _credentials;

    public IReadOnlyList<IAdmissionPlugin> CreateAdmissionPlugins(ServerContext context) =>
    [
        new ImportedClusterAdmission(options, () => Volatile.Read(ref _credentials)),
    ];

    public async Task<ComponentWiring> StartAsync(ServerContext context, ApiSurface surface, Uri address, CancellationToken cancellationToken)
    {
        var stores = new ClusterStores(surface, context.Catalog);
        Volatile.Write(ref _credentials, new ClusterCredentialResolver(stores.Credentials));
        var controller = new ClusterHealthController(stores, options, context.Clock, context.Logs.CreateLogger("tke.platform.clusters"));
        context.Stopping.Register(controller.Dispose);
        await controller.StartAsync(context.Stopping);
        return new ComponentWiring();
    }
}

using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Http;
using Tke.ApiServer.Components;
using Tke.SimCluster.Controllers;

namespace Tke.SimCluster.Eviction;

/// <summary>Serves the pods/eviction subresource, which the generic resource handler does not.</summary>
public sealed class PodEvictionComponent : IServerComponent
{
    public IReadOnlyList<IAdmissionPlugin> CreateAdmissionPlugins(ServerContext context) => [];

    public Task<ComponentWiring> StartAsync(ServerContext context, ApiSurface surface, Uri address, CancellationToken cancellationToken)
    {
        var endpoint = new PodEvictionEndpoint(new ClusterStores(surface, context.Catalog, "eviction"), context.Clock);
        return Task.FromResult(new ComponentWiring
        {
            Handlers = [new PathHandler(PodEvictionEndpoint.Prefix, endpoint.HandleAsync) { Accepts = PodEvictionEndpoint.Accepts }],
        });
    }
}

using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Requests;
using Tke.ApiServer.Components;
using Tke.SimCluster.Controllers.Runtime;
using Tke.SimCluster.Core;
using Tke.SimCluster.Streaming.Pods;

namespace Tke.SimCluster.Streaming;

/// <summary>Serves the streaming subresources of the simulated cluster's pods (logs, exec, attach,
/// port-forward) with simulated containers behind them.</summary>
public sealed class PodStreamingComponent : IServerComponent
{
    public IReadOnlyList<IAdmissionPlugin> CreateAdmissionPlugins(ServerContext context) => [];

    public Task<ComponentWiring> StartAsync(ServerContext context, ApiSurface surface, Uri address, CancellationToken cancellationToken)
    {
        var kind = context.Catalog.Find("", "v1", "pods") ?? throw new InvalidOperationException("pods are not served");
        var pods = new TypedStore<Pod>(surface.StoreFor(kind), new WriteContext(new RequestUser("system:pod-streaming", [RequestUser.AllTenantsGroup], "")));
        var endpoint = new PodStreamingEndpoint(surface, new PodPresence(pods, context.Clock), context.Stopping, context.Logs.CreateLogger("tke.simcluster.streaming"));
        return Task.FromResult(new ComponentWiring
        {
            Handlers = [new PathHandler(PodSubresourcePath.Prefix, endpoint.HandleAsync) { Accepts = PodStreamingEndpoint.Accepts }],
        });
    }
}

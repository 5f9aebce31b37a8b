using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Requests;
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
        // An eviction is "create pods/eviction", authorized before anything else as kube-apiserver does.
        async Task AuthorizedAsync(HttpContext http, RequestUser user)
        {
            if (PodEvictionEndpoint.Target(http.Request.Path.Value) is { } target)
            {
                await surface.AuthorizeAsync(user, new ResourceAttributes("create", "", "v1", "pods", "eviction", target.Namespace, target.Pod), http.RequestAborted);
            }

            await endpoint.HandleAsync(http, user);
        }

        return Task.FromResult(new ComponentWiring
        {
            Handlers = [new PathHandler(PodEvictionEndpoint.Prefix, AuthorizedAsync) { Accepts = PodEvictionEndpoint.Accepts }],
        });
    }
}

using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Objects;
using Tke.ApiServer.Components;
using Tke.SimCluster.Core;

namespace Tke.SimCluster.Simulation;

/// <summary>Creates the namespaces every Kubernetes cluster starts with.</summary>
public sealed class SystemNamespaces : IServerComponent
{
    public static readonly IReadOnlyList<string> Names = ["default", "kube-system", "kube-public", "kube-node-lease"];

    public IReadOnlyList<IAdmissionPlugin> CreateAdmissionPlugins(ServerContext context) => [];

    public async Task<ComponentWiring> StartAsync(ServerContext context, ApiSurface surface, Uri address, CancellationToken cancellationToken)
    {
        var writer = new SystemWriter(surface, context.Catalog, "namespace-bootstrap");
        var store = writer.StoreFor("", "namespaces");
        foreach (var name in Names)
        {
            await writer.CreateIfMissingAsync(store, new Namespace { Metadata = new ObjectMeta { Name = name } }, cancellationToken);
        }

        return new ComponentWiring();
    }
}

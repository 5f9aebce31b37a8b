using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Http;
using Tke.ApiServer.Components;
using Tke.Platform.Apis.ClusterCredentials;
using Tke.Platform.Clusters.Import;
using Tke.Platform.Clusters.Proxy;

namespace Tke.Platform.Clusters;

/// <summary>
/// Cluster management inside `tke serve`: imported clusters are checked before they are stored,
/// every cluster's health, version and capacity are kept in its status, and requests for a
/// cluster's own API are proxied to it on the caller's behalf.
/// </summary>
public sealed class ClusterComponent(ClusterHealthOptions options) : IServerComponent
{
    // Admission plugins exist before the API surface whose stores they read; they get them at start.
    private ClusterStores? _stores;

    // A proxied request that is not a watch; as long as kube-apiserver's own default.
    private static readonly TimeSpan ProxyRequestTimeout = TimeSpan.FromSeconds(60);

    public IReadOnlyList<IAdmissionPlugin> CreateAdmissionPlugins(ServerContext context) =>
    [
        new ImportedClusterAdmission(options, () => Volatile.Read(ref _stores)),
    ];

    public async Task<ComponentWiring> StartAsync(ServerContext context, ApiSurface surface, Uri address, CancellationToken cancellationToken)
    {
        var stores = new ClusterStores(surface, context.Catalog);
        Volatile.Write(ref _stores, stores);
        var logger = context.Logs.CreateLogger("tke.platform.clusters");
        var dependents = new ClusterDependents(surface, context.Catalog, stores, logger);
        var controller = new ClusterHealthController(stores, options, context.Clock, logger, dependents);
        context.Stopping.Register(controller.Dispose);
        await controller.StartAsync(context.Stopping);

        var access = new ClusterAccess(stores, surface);
        var transports = new ClusterProxyTransports();
        context.Stopping.Register(transports.Dispose);
        var credentials = new StoreMirror<ClusterCredential>(stores.Credentials, context.Clock, logger);
        await credentials.StartAsync(context.Stopping);
        var targets = new ClusterProxyTargets(controller.Clusters, credentials, access, stores);
        var proxy = new ClusterProxyHandler(access, targets, transports, new ClusterRequestForwarder(ProxyRequestTimeout));
        var kubeconfig = new UserKubeconfigEndpoint(access, Path.Combine(context.DataDir, "pki", "ca.crt"), address);
        return new ComponentWiring
        {
            Handlers =
            [
                new PathHandler(ClusterProxyRoute.ClustersPath, kubeconfig.HandleAsync) { Accepts = UserKubeconfigEndpoint.Accepts },
                new PathHandler(KubeconfigImportEndpoint.Path, new KubeconfigImportEndpoint(stores, surface).HandleAsync) { Accepts = KubeconfigImportEndpoint.Accepts },
                new PathHandler("/api", proxy.HandleAsync) { Accepts = ClusterProxyHandler.Accepts },
            ],
        };
    }
}

using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Store;
using Tke.ApiServer.Components;
using Tke.Registry.Access;
using Tke.Registry.Apis;
using Tke.Registry.Charts;
using Tke.Registry.Distribution;
using Tke.Registry.Resources;
using Tke.Registry.Storage;

namespace Tke.Registry;

/// <summary>
/// The image registry and chart repositories inside `tke serve`: blob and manifest storage under
/// &lt;data-dir&gt;/registry, the OCI distribution API at /v2/, the token service, chart
/// repositories at /chart/, and periodic garbage collection of unreferenced blobs. Its endpoints
/// are public handlers because the registry authenticates by itself (Docker's token flow, Basic
/// credentials for helm) through <see cref="IRegistryAccess"/>.
/// </summary>
public sealed class RegistryComponent(RegistryOptions options) : IServerComponent
{
    public const string DistributionPrefix = "/v2";
    public const string ChartPrefix = "/chart";

    public IReadOnlyList<IAdmissionPlugin> CreateAdmissionPlugins(ServerContext context) =>
    [
        // The guard only lists repositories; a store of its own needs no admission chain.
        new NamespaceDeletionGuard(new ResourceStore(Kind(context.Catalog, "repositories"), context.Store, new AdmissionChain([]), context.Clock)),
    ];

    public Task<ComponentWiring> StartAsync(ServerContext context, ApiSurface surface, Uri address, CancellationToken cancellationToken)
    {
        var logger = context.Logs.CreateLogger("tke.registry");
        var root = Path.Combine(context.DataDir, "registry");
        Directory.CreateDirectory(root);
        var storage = new RegistryStorage(root);

        var access = RegistryAccessSetup.Create(context, surface, new RegistryAccessOptions { DomainSuffix = options.Domain });
        var recorder = new RepositoryStatusRecorder(surface.StoreFor(Kind(context.Catalog, "namespaces")), surface.StoreFor(Kind(context.Catalog, "repositories")), context.Clock, logger);
        var events = new RepositoryEventQueue(recorder, log: logger);
        _ = new RepositoryDeletionWatch(surface.StoreFor(Kind(context.Catalog, "repositories")), recorder, context.Clock, logger).RunAsync(context.Stopping);
        var distribution = new DistributionEndpoint(storage, access.Access, events);

        var chartObjects = new ChartObjects(surface, context.Catalog);
        var charts = new ChartRepositories(new ChartRepositoryOptions { RootDirectory = Path.Combine(root, "charts") }, chartObjects, context.Clock, logger);
        // Chart downloads are counted the way image pulls are: queued, then written in batches.
        var chartPulls = new RepositoryEventQueue(new ChartPullRecorder(chartObjects, logger), log: logger);
        var chartEndpoint = new ChartRepositoryEndpoint(charts, access.Access, logger, chartPulls);

        // Imported chart groups sync when created or changed, and on demand through repoupdating.
        var remoteRepositories = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        })
        {
            Timeout = TimeSpan.FromMinutes(2),
        };
        var importer = new ChartGroupImporter(charts, remoteRepositories, context.Clock, logger);
        _ = new ImportedChartGroupSync(chartObjects, importer, context.Clock, logger).RunAsync(context.Stopping);
        context.Stopping.Register(remoteRepositories.Dispose);
        var chartGroupSync = new ChartGroupSyncEndpoint(chartObjects, importer, surface);

        var collection = RunGarbageCollectionAsync(new RegistryGarbageCollector(storage, options.GarbageCollectionGracePeriod, options.AbandonedUploadTimeout), logger, context.Stopping);
        // Not blocking the cancellation callback: the collector's own cancellation runs after it.
        context.Stopping.Register(() => _ = ShutDownAsync([events, chartPulls], collection, storage));

        logger.LogInformation("registry on /v2/ and /chart/ (host names <tenant>.{Domain}), storage in {Root}", options.Domain, root);
        return Task.FromResult(new ComponentWiring
        {
            PublicHandlers =
            [
                new PathHandler(DistributionPrefix, (http, _) => distribution.HandleAsync(http)) { Accepts = DistributionEndpoint.Accepts },
                new PathHandler(ChartPrefix, (http, _) => chartEndpoint.HandleAsync(http)) { Accepts = ChartRepositoryEndpoint.Accepts },
                access.TokenHandler,
            ],
            Handlers =
            [
                new PathHandler(ChartGroupSyncEndpoint.Prefix, chartGroupSync.HandleAsync) { Accepts = ChartGroupSyncEndpoint.Accepts },
            ],
        });
    }

    /// <summary>Pending status updates are delivered and the collector stops before the database closes.</summary>
    private static async Task ShutDownAsync(IReadOnlyList<RepositoryEventQueue> queues, Task collection, RegistryStorage storage)
    {
        foreach (var queue in queues)
        {
            await queue.DisposeAsync();
        }

        await collection;
        storage.Dispose();
    }

    private static KindDefinition Kind(KindCatalog catalog, string plural) =>
        catalog.Find(RegistryApiGroup.GroupName, RegistryApiGroup.Version, plural)
        ?? throw new InvalidOperationException($"registry kind {plural} is not registered");

    private async Task RunGarbageCollectionAsync(RegistryGarbageCollector collector, ILogger logger, CancellationToken stopping)
    {
        if (options.GarbageCollectionInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.GarbageCollectionInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                try
                {
                    var result = await collector.CollectAsync(stopping);
                    if (result.BlobsDeleted > 0 || result.UploadsRemoved > 0)
                    {
                        logger.LogInformation("registry garbage collection deleted {Blobs} blobs ({Bytes} bytes) and {Uploads} abandoned uploads", result.BlobsDeleted, result.BytesFreed, result.UploadsRemoved);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "registry garbage collection failed; will retry");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

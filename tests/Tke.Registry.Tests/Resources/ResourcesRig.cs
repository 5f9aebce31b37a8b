using System.Text.Json;
using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Store;
using Tke.Registry.Apis;
using Tke.Registry.Apis.Namespaces;
using Tke.Registry.Apis.Repositories;
using Tke.Registry.Resources;
using Tke.Storage.Sqlite;

namespace Tke.Registry.Tests.Resources;

/// <summary>The registry kinds served on a real store, with the namespace deletion guard
/// admitted, and the status recorder the distribution engine reports to.</summary>
public sealed class ResourcesRig : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tke-registry-resources-" + Guid.NewGuid().ToString("N"));
    private readonly KindCatalog _catalog = new([new RegistryApiGroup()]);
    private SqliteKeyValueStore _kv = null!;

    public ApiSurface Surface { get; private set; } = null!;

    public RepositoryStatusRecorder Recorder { get; private set; } = null!;

    public ResourceStore Namespaces => Store("namespaces");

    public ResourceStore Repositories => Store("repositories");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _kv = await SqliteKeyValueStore.OpenAsync(Path.Combine(_dir, "db"));
        var repositoryKind = _catalog.Find(RegistryApiGroup.GroupName, RegistryApiGroup.Version, "repositories")!;
        var guard = new NamespaceDeletionGuard(new ResourceStore(repositoryKind, _kv, AdmissionChain.Empty, TimeProvider.System));
        Surface = new ApiSurface(_catalog, _kv, new AdmissionChain([guard]), TimeProvider.System, new ApiSurfaceOptions());
        Recorder = new RepositoryStatusRecorder(Namespaces, Repositories, TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await _kv.DisposeAsync();
        Directory.Delete(_dir, true);
    }

    public ResourceStore Store(string plural) => Surface.StoreFor(_catalog.Find(RegistryApiGroup.GroupName, RegistryApiGroup.Version, plural)!);

    public async Task<Namespace> CreateNamespaceAsync(string tenant, string name, string visibility = Visibilities.Private)
    {
        var ns = new Namespace { Metadata = new ObjectMeta(), Spec = new NamespaceSpec { Name = name, TenantId = tenant, Visibility = visibility } };
        return (Namespace)(await Namespaces.CreateAsync(null, JsonSerializer.SerializeToNode(ns, ApiJson.Options), RegistrySystemUser.Write(), default)).Object;
    }

    public async Task<IReadOnlyList<Repository>> RepositoriesInAsync(Namespace ns) =>
        (await Repositories.ListAsync(ns.Metadata.Name, new ListQuery(), default)).Items.Select(i => (Repository)i.Object).ToArray();

    public async Task<Namespace> ReadAsync(Namespace ns) => (Namespace)(await Namespaces.GetAsync(null, ns.Metadata.Name!, default)).Object;

    public static WriteContext As(string user, string tenant) => new(new RequestUser(user, ["system:authenticated"], tenant));
}

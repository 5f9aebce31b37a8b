using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Store;
using Tke.SimCluster.ApiExtensions;
using Tke.Storage.Sqlite;

namespace Tke.SimCluster.Tests.ApiExtensions;

/// <summary>The controller that serves what definitions define, driven one reconcile at a time.</summary>
public sealed class CustomResourceDefinitionControllerTests : IAsyncLifetime
{
    private static readonly WriteContext Admin = new(new RequestUser("admin", [RequestUser.AllTenantsGroup], ""));

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tke-crd-controller-" + Guid.NewGuid().ToString("N"));
    private SqliteKeyValueStore _kv = null!;
    private KindCatalog _catalog = null!;
    private ApiSurface _surface = null!;
    private CustomResourceDefinitionController _controller = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _kv = await SqliteKeyValueStore.OpenAsync(Path.Combine(_dir, "db"));
        StartServer();
    }

    public async Task DisposeAsync()
    {
        await _kv.DisposeAsync();
        Directory.Delete(_dir, true);
    }

    /// <summary>A fresh catalog, surface and controller over the same store, as after a restart.</summary>
    private void StartServer()
    {
        _catalog = new KindCatalog(SimulatedClusterApi.Groups());
        _surface = new ApiSurface(_catalog, _kv, AdmissionChain.Empty, TimeProvider.System, new ApiSurfaceOptions());
        _controller = new CustomResourceDefinitionController(_surface, _catalog, TimeProvider.System, NullLogger.Instance);
    }

    private ResourceStore Definitions => _surface.StoreFor(_catalog.Find("apiextensions.k8s.io", "v1", "customresourcedefinitions")!);

    private async Task<CustomResourceDefinition> CreateAndReconcileAsync(string yaml)
    {
        var created = await Definitions.CreateAsync(null, YamlJson.Parse(yaml), Admin, default);
        await _controller.ReconcileAsync(created.Object.Metadata.Name!, default);
        return await GetAsync(created.Object.Metadata.Name!);
    }

    private async Task<CustomResourceDefinition> GetAsync(string name) =>
        (CustomResourceDefinition)(await Definitions.GetAsync(null, name, default)).DecodeCopy();

    private static CustomResourceDefinitionCondition Condition(CustomResourceDefinition crd, string type) =>
        DefinitionConditions.Find(crd, type) ?? throw new InvalidOperationException($"no {type} condition");

    private static JsonNode CronTab(string name) =>
        JsonNode.Parse($$$"""{"apiVersion":"stable.example.com/v1","kind":"CronTab","metadata":{"name":"{{{name}}}"},"spec":{"cronSpec":"* * * * *"}}""")!;

    [Fact]
    public async Task An_accepted_definition_is_established_and_served()
    {
        var crd = await CreateAndReconcileAsync(CronTabDefinition.Yaml);

        Assert.Equal(("True", "NoConflicts"), (Condition(crd, "NamesAccepted").Status, Condition(crd, "NamesAccepted").Reason));
        Assert.Equal(("True", "InitialNamesAccepted"), (Condition(crd, "Established").Status, Condition(crd, "Established").Reason));
        Assert.Equal("crontabs", crd.Status!.AcceptedNames!.Plural);
        Assert.Equal(["v1"], crd.Status.StoredVersions!);
        var kind = _catalog.Find("stable.example.com", "v1", "crontabs");
        Assert.NotNull(kind);
        Assert.True(kind.HasStatusSubresource);
        Assert.Equal(["ct"], kind.ShortNames);

        var created = await _surface.StoreFor(kind).CreateAsync("default", CronTab("a"), Admin, default);
        Assert.Equal(1, (int)JsonNode.Parse(created.Json)!["spec"]!["replicas"]!);
    }

    [Fact]
    public async Task A_definition_whose_names_a_built_in_resource_uses_is_not_accepted_nor_served()
    {
        var clash = CronTabDefinition.Yaml
            .Replace("crontabs.stable.example.com", "customresourcedefinitions.apiextensions.k8s.io")
            .Replace("group: stable.example.com", "group: apiextensions.k8s.io")
            .Replace("plural: crontabs", "plural: customresourcedefinitions");

        var crd = await CreateAndReconcileAsync(clash);

        var accepted = Condition(crd, "NamesAccepted");
        Assert.Equal(("False", "PluralConflict", "\"customresourcedefinitions\" is already in use"), (accepted.Status, accepted.Reason, accepted.Message));
        Assert.Equal(("False", "NotAccepted"), (Condition(crd, "Established").Status, Condition(crd, "Established").Reason));
        Assert.IsType<CustomResourceDefinitionKind>(_catalog.Find("apiextensions.k8s.io", "v1", "customresourcedefinitions"));
        Assert.Null(_catalog.FindGroup("apiextensions.k8s.io")!.Kinds.OfType<Tke.ApiMachinery.CustomResources.CustomResourceKind>().FirstOrDefault());
    }

    [Fact]
    public async Task A_second_definition_with_a_kind_already_in_use_in_its_group_is_not_served()
    {
        await CreateAndReconcileAsync(CronTabDefinition.Yaml);
        var second = CronTabDefinition.Yaml
            .Replace("crontabs.stable.example.com", "crons.stable.example.com")
            .Replace("plural: crontabs", "plural: crons")
            .Replace("shortNames: [ct]", "shortNames: [cr]");

        var crd = await CreateAndReconcileAsync(second);

        Assert.Equal(("False", "SingularConflict"), (Condition(crd, "NamesAccepted").Status, Condition(crd, "NamesAccepted").Reason));
        Assert.Null(_catalog.Find("stable.example.com", "v1", "crons"));
        Assert.NotNull(_catalog.Find("stable.example.com", "v1", "crontabs"));
    }

    [Fact]
    public async Task Deleting_a_definition_deletes_its_resources_and_stops_serving_them()
    {
        await CreateAndReconcileAsync(CronTabDefinition.Yaml);
        var store = _surface.StoreFor(_catalog.Find("stable.example.com", "v1", "crontabs")!);
        await store.CreateAsync("default", CronTab("a"), Admin, default);
        await store.CreateAsync("default", CronTab("b"), Admin, default);

        var deleting = await Definitions.DeleteAsync(null, "crontabs.stable.example.com", new DeleteRequest(null, null, null), Admin, default);
        Assert.NotNull(deleting.Object.Metadata.DeletionTimestamp); // held by the cleanup finalizer
        await _controller.ReconcileAsync("crontabs.stable.example.com", default);

        Assert.Empty((await store.ListAsync(null, new ListQuery(), default)).Items);
        Assert.Null(_catalog.Find("stable.example.com", "v1", "crontabs"));
        var gone = await Assert.ThrowsAsync<StatusError>(async () => await Definitions.GetAsync(null, "crontabs.stable.example.com", default));
        Assert.Equal(404, gone.Code);
    }

    [Fact]
    public async Task Changing_a_definition_replaces_what_is_served()
    {
        var crd = await CreateAndReconcileAsync(CronTabDefinition.Yaml);
        crd.Spec.Names.ShortNames = ["cts"];
        crd.Spec.Versions[0].AdditionalPrinterColumns = null;
        var body = System.Text.Json.JsonSerializer.SerializeToNode(crd, ApiJson.Options);
        await Definitions.UpdateAsync(null, crd.Metadata.Name!, body, null, Admin, default);

        await _controller.ReconcileAsync(crd.Metadata.Name!, default);

        var kind = _catalog.Find("stable.example.com", "v1", "crontabs")!;
        Assert.Equal(["cts"], kind.ShortNames);
        Assert.Empty(kind.Columns);
        Assert.Equal(["cts"], (await GetAsync(crd.Metadata.Name!)).Status!.AcceptedNames!.ShortNames!);
    }

    [Fact]
    public async Task After_a_restart_stored_definitions_are_served_again_with_their_resources()
    {
        await CreateAndReconcileAsync(CronTabDefinition.Yaml);
        await _surface.StoreFor(_catalog.Find("stable.example.com", "v1", "crontabs")!).CreateAsync("default", CronTab("kept"), Admin, default);

        StartServer();
        Assert.Null(_catalog.Find("stable.example.com", "v1", "crontabs"));
        await _controller.SyncAllAsync(default);

        var kind = _catalog.Find("stable.example.com", "v1", "crontabs");
        Assert.NotNull(kind);
        var item = await _surface.StoreFor(kind).GetAsync("default", "kept", default);
        Assert.Equal("* * * * *", (string?)JsonNode.Parse(item.Json)!["spec"]!["cronSpec"]);
    }
}

using System.Text.Json.Nodes;
using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Store;
using Tke.Storage.Sqlite;

namespace Tke.ApiMachinery.Tests.Store;

/// <summary>A ResourceStore over a fresh SQLite store in a temporary directory.</summary>
public sealed class StoreFixture : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tke-store-" + Guid.NewGuid().ToString("N"));

    public SqliteKeyValueStore Kv { get; private set; } = null!;

    public ResourceStore Widgets { get; private set; } = null!;

    public ResourceStore Gadgets { get; private set; } = null!;

    public static WriteContext Write(FieldValidationMode mode = FieldValidationMode.Strict, bool dryRun = false) =>
        new(new RequestUser("tester", [], "default")) { FieldValidation = mode, DryRun = dryRun };

    public static JsonNode Widget(string? name, int size = 1, string? generateName = null)
    {
        var meta = new JsonObject();
        if (name is not null)
        {
            meta["name"] = name;
        }

        if (generateName is not null)
        {
            meta["generateName"] = generateName;
        }

        return new JsonObject
        {
            ["apiVersion"] = "test.tkestack.io/v1",
            ["kind"] = "Widget",
            ["metadata"] = meta,
            ["spec"] = new JsonObject { ["size"] = size },
        };
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        Kv = await SqliteKeyValueStore.OpenAsync(Path.Combine(_dir, "test.db"));
        Widgets = new ResourceStore(new WidgetKind(), Kv, AdmissionChain.Empty, TimeProvider.System);
        Gadgets = new ResourceStore(new GadgetKind(), Kv, AdmissionChain.Empty, TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await Kv.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}

using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Store;
using Tke.Storage.Sqlite;

namespace Tke.ApiMachinery.Tests.Store;

public sealed class Ledger : ApiObject<LedgerSpec, WidgetStatus>
{
}

public sealed class LedgerSpec
{
    [JsonPropertyName("tenantID")]
    public string? TenantID { get; set; }

    [JsonPropertyName("amount"), Range(0, 1000)]
    public int Amount { get; set; }
}

public sealed class LedgerKind : KindDefinition<Ledger>
{
    public override string Group => "test.tkestack.io";

    public override string Version => "v1";

    public override string Kind => "Ledger";

    public override string Plural => "ledgers";
}

public sealed class TenantIsolationTests : IAsyncLifetime
{
    private static readonly RequestUser Alice = new("alice", ["system:authenticated"], "tenant-a");
    private static readonly RequestUser Bob = new("bob", ["system:authenticated"], "tenant-b");
    private static readonly RequestUser Root = new("admin", [RequestUser.AllTenantsGroup], "default");

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tke-tenancy-" + Guid.NewGuid().ToString("N"));
    private SqliteKeyValueStore _kv = null!;
    private ResourceStore _ledgers = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _kv = await SqliteKeyValueStore.OpenAsync(Path.Combine(_dir, "db"));
        _ledgers = new ResourceStore(new LedgerKind(), _kv, AdmissionChain.Empty, TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await _kv.DisposeAsync();
        Directory.Delete(_dir, true);
    }

    private static WriteContext As(RequestUser user) => new(user) { FieldValidation = FieldValidationMode.Strict };

    private static JsonNode Body(string name, string? tenant = null)
    {
        var spec = new JsonObject { ["amount"] = 1 };
        if (tenant is not null)
        {
            spec["tenantID"] = tenant;
        }

        return new JsonObject { ["apiVersion"] = "test.tkestack.io/v1", ["kind"] = "Ledger", ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec };
    }

    [Fact]
    public void The_tenant_field_is_found_from_the_type() => Assert.Equal("spec.tenantID", new LedgerKind().Tenant!.Path);

    [Fact]
    public async Task A_tenant_sees_and_changes_only_its_own_objects()
    {
        var created = await _ledgers.CreateAsync(null, Body("a1"), As(Alice), default);
        Assert.Equal("tenant-a", ((Ledger)created.Object).Spec.TenantID);
        await _ledgers.CreateAsync(null, Body("b1"), As(Bob), default);

        Assert.Equal(404, (await Assert.ThrowsAsync<StatusError>(() => _ledgers.GetAsync(null, "a1", default, Bob.TenantScope).AsTask())).Code);
        Assert.Equal("a1", (await _ledgers.GetAsync(null, "a1", default, Alice.TenantScope)).Object.Metadata.Name);

        var bobsView = await _ledgers.ListAsync(null, new ListQuery { Tenant = Bob.TenantScope }, default);
        Assert.Equal(["b1"], bobsView.Items.Select(i => i.Object.Metadata.Name));
        var rootView = await _ledgers.ListAsync(null, new ListQuery { Tenant = Root.TenantScope }, default);
        Assert.Equal(["a1", "b1"], rootView.Items.Select(i => i.Object.Metadata.Name));

        var revision = _kv.CurrentRevision;
        Assert.Equal(404, (await Assert.ThrowsAsync<StatusError>(() => _ledgers.PatchAsync(null, "a1", PatchKind.Merge, JsonNode.Parse("""{"spec":{"amount":9}}""")!, null, As(Bob), default).AsTask())).Code);
        Assert.Equal(404, (await Assert.ThrowsAsync<StatusError>(() => _ledgers.DeleteAsync(null, "a1", new DeleteRequest(null, null, null), As(Bob), default).AsTask())).Code);
        Assert.Equal(403, (await Assert.ThrowsAsync<StatusError>(() => _ledgers.CreateAsync(null, Body("sneaky", "tenant-a"), As(Bob), default).AsTask())).Code);
        Assert.Equal(403, (await Assert.ThrowsAsync<StatusError>(() => _ledgers.PatchAsync(null, "a1", PatchKind.Merge, JsonNode.Parse("""{"spec":{"tenantID":"tenant-b"}}""")!, null, As(Alice), default).AsTask())).Code);
        Assert.Equal(revision, _kv.CurrentRevision);

        // The all-tenants admin may create in any tenant.
        var placed = await _ledgers.CreateAsync(null, Body("placed", "tenant-b"), As(Root), default);
        Assert.Equal("tenant-b", ((Ledger)placed.Object).Spec.TenantID);
    }

    [Fact]
    public async Task Watches_deliver_only_the_callers_tenant()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var start = _kv.CurrentRevision;
        var seen = new List<string?>();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in _ledgers.WatchAsync(null, new ListQuery { Tenant = Bob.TenantScope }, start, new WatchProgress(), cts.Token))
            {
                seen.Add(e.Item.Object.Metadata.Name);
                if (e.Item.Object.Metadata.Name == "b-last")
                {
                    break;
                }
            }
        });

        await _ledgers.CreateAsync(null, Body("a-secret"), As(Alice), default);
        await _ledgers.CreateAsync(null, Body("b-first"), As(Bob), default);
        await _ledgers.CreateAsync(null, Body("a-secret-2"), As(Alice), default);
        await _ledgers.CreateAsync(null, Body("b-last"), As(Bob), default);
        await watching.WaitAsync(cts.Token);

        Assert.Equal(["b-first", "b-last"], seen);
    }
}

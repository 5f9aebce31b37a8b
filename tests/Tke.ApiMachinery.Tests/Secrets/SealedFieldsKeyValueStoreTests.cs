using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Secrets;
using Tke.Storage;
using Tke.Storage.Sqlite;

namespace Tke.ApiMachinery.Tests.Secrets;

public sealed class Vault : ApiObject<VaultSpec, VaultStatus>
{
}

public sealed class VaultSpec
{
    [JsonPropertyName("user")]
    public string? User { get; set; }

    [JsonPropertyName("password"), Sensitive]
    public string? Password { get; set; }

    [JsonPropertyName("keys"), Sensitive]
    public List<string>? Keys { get; set; }
}

public sealed class VaultStatus
{
}

public sealed class VaultKind : KindDefinition<Vault>
{
    public override string Group => "test.tkestack.io";

    public override string Version => "v1";

    public override string Kind => "Vault";

    public override string Plural => "vaults";
}

public sealed class SealedFieldsKeyValueStoreTests : IAsyncLifetime
{
    private const string Key = "/registry/test.tkestack.io/vaults/v1";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tke-sealed-" + Guid.NewGuid().ToString("N"));
    private SqliteKeyValueStore _raw = null!;
    private SealedFieldsKeyValueStore _sealed = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _raw = await SqliteKeyValueStore.OpenAsync(Path.Combine(_dir, "db"));
        var kind = new VaultKind();
        _sealed = new SealedFieldsKeyValueStore(_raw, [("/registry/test.tkestack.io/vaults/", kind.Schema)], FieldCipher.LoadOrCreate(Path.Combine(_dir, "key")));
    }

    public async Task DisposeAsync()
    {
        await _raw.DisposeAsync();
        Directory.Delete(_dir, true);
    }

    private static byte[] Doc(string password) => Encoding.UTF8.GetBytes(
        $"{{\"apiVersion\":\"test.tkestack.io/v1\",\"kind\":\"Vault\",\"metadata\":{{\"name\":\"v1\"}},\"spec\":{{\"user\":\"root\",\"password\":\"{password}\",\"keys\":[\"k-one\",\"k-two\"]}}}}");

    [Fact]
    public async Task Sensitive_fields_are_encrypted_at_rest_and_readable_through_the_store()
    {
        await _sealed.CreateAsync(Key, Doc("hunter2-secret"));

        var raw = Encoding.UTF8.GetString((await _raw.GetAsync(Key))!.Value.Span);
        Assert.DoesNotContain("hunter2-secret", raw);
        Assert.DoesNotContain("k-one", raw);
        Assert.Contains("\"user\":\"root\"", raw);
        Assert.Contains(FieldCipher.Prefix, raw);
        Assert.StartsWith("{\"apiVersion\":", raw); // key order survives, so resourceVersion splicing still works

        var opened = Encoding.UTF8.GetString((await _sealed.GetAsync(Key))!.Value.Span);
        Assert.Contains("\"password\":\"hunter2-secret\"", opened);
        Assert.Contains("\"keys\":[\"k-one\",\"k-two\"]", opened);

        var listed = await _sealed.RangeAsync("/registry/test.tkestack.io/", null, 0, 0);
        Assert.Contains("hunter2-secret", Encoding.UTF8.GetString(listed.Items.Single().Value.Span));
    }

    [Fact]
    public async Task A_sealed_value_moved_to_another_object_does_not_open()
    {
        await _sealed.CreateAsync(Key, Doc("moved-secret"));
        var raw = (await _raw.GetAsync(Key))!.Value;
        await _raw.CreateAsync(Key + "-copy", raw);
        await Assert.ThrowsAnyAsync<CryptographicException>(() => _sealed.GetAsync(Key + "-copy").AsTask());
    }

    [Fact]
    public async Task Watch_events_carry_opened_values()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var watch = _sealed.WatchAsync("/registry/test.tkestack.io/vaults/", 0, cts.Token).GetAsyncEnumerator(cts.Token);
        var next = watch.MoveNextAsync().AsTask();
        await _sealed.CreateAsync(Key, Doc("watched-secret"));
        Assert.True(await next);
        Assert.Contains("watched-secret", Encoding.UTF8.GetString(watch.Current.Kv.Value.Span));
        await watch.DisposeAsync();
    }
}

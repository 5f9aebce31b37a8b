using System.Text;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Secrets;
using Tke.ApiMachinery.Store;
using Tke.Storage.Sqlite;

namespace Tke.ApiMachinery.Tests.Secrets;

public sealed class SecretRedactionTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tke-redact-" + Guid.NewGuid().ToString("N"));
    private SqliteKeyValueStore _kv = null!;
    private ResourceStore _vaults = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _kv = await SqliteKeyValueStore.OpenAsync(Path.Combine(_dir, "db"));
        _vaults = new ResourceStore(new VaultKind(), _kv, AdmissionChain.Empty, TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await _kv.DisposeAsync();
        Directory.Delete(_dir, true);
    }

    private static WriteContext Write() => new(new RequestUser("u", [], "default")) { FieldValidation = FieldValidationMode.Strict };

    [Fact]
    public async Task Reads_hide_secrets_and_writes_of_the_placeholder_keep_them()
    {
        var created = await _vaults.CreateAsync(null, JsonNode.Parse("""{"metadata":{"name":"v"},"spec":{"user":"root","password":"s3cret-value","keys":["k1"]}}"""), Write(), default);
        var redacted = Encoding.UTF8.GetString(created.RedactedJson);
        Assert.DoesNotContain("s3cret-value", redacted);
        Assert.DoesNotContain("k1", redacted);
        Assert.Contains($"\"password\":\"{SecretRedaction.Placeholder}\"", redacted);
        Assert.Contains("\"user\":\"root\"", redacted);
        Assert.Contains("s3cret-value", Encoding.UTF8.GetString(created.JsonFor(revealSecrets: true)));

        // A client that read the redacted object and PUTs it back with one change keeps the secret.
        var roundTrip = JsonNode.Parse(redacted)!;
        roundTrip["spec"]!["user"] = "admin";
        var updated = await _vaults.UpdateAsync(null, "v", roundTrip, null, Write(), default);
        var vault = (Vault)updated.Object;
        Assert.Equal("admin", vault.Spec.User);
        Assert.Equal("s3cret-value", vault.Spec.Password);
        Assert.Equal(["k1"], vault.Spec.Keys!);

        // A patch that sets a new secret replaces it; the placeholder in a patch keeps it.
        var patched = (Vault)(await _vaults.PatchAsync(null, "v", PatchKind.Merge, JsonNode.Parse("""{"spec":{"password":"n3w-value"}}""")!, null, Write(), default)).Object;
        Assert.Equal("n3w-value", patched.Spec.Password);
        var kept = (Vault)(await _vaults.PatchAsync(null, "v", PatchKind.Merge, new JsonObject { ["spec"] = new JsonObject { ["password"] = SecretRedaction.Placeholder, ["user"] = "x" } }, null, Write(), default)).Object;
        Assert.Equal("n3w-value", kept.Spec.Password);
    }
}

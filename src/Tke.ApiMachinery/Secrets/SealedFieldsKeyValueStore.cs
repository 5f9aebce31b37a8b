using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Schema;
using Tke.Storage;

namespace Tke.ApiMachinery.Secrets;

/// <summary>
/// Encrypts sensitive fields (passwords, tokens, private keys) before they reach storage and
/// decrypts them on the way back, for the key prefixes of kinds that have such fields.
/// Everything else passes through untouched, so kinds without secrets pay nothing.
/// </summary>
public sealed class SealedFieldsKeyValueStore(IKeyValueStore inner, IReadOnlyList<(string Prefix, SchemaNode Schema)> sealedKinds, FieldCipher cipher) : IKeyValueStore
{
    public long CurrentRevision => inner.CurrentRevision;

    public long CompactedRevision => inner.CompactedRevision;

    public async ValueTask<KeyValue?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        Open(await inner.GetAsync(key, cancellationToken));

    public async ValueTask<RangeResult> RangeAsync(string prefix, string? startAfter, int limit, long atRevision, CancellationToken cancellationToken = default)
    {
        var result = await inner.RangeAsync(prefix, startAfter, limit, atRevision, cancellationToken);
        return SchemaFor(prefix) is null && !sealedKinds.Any(k => k.Prefix.StartsWith(prefix, StringComparison.Ordinal))
            ? result
            : result with { Items = result.Items.Select(kv => Open(kv)!).ToArray() };
    }

    public ValueTask<long> CountAsync(string prefix, CancellationToken cancellationToken = default) => inner.CountAsync(prefix, cancellationToken);

    public async ValueTask<WriteResult> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        OpenResult(await inner.CreateAsync(key, Seal(key, value), cancellationToken));

    public async ValueTask<WriteResult> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, CancellationToken cancellationToken = default) =>
        OpenResult(await inner.UpdateAsync(key, Seal(key, value), expectedModRevision, cancellationToken));

    public async ValueTask<WriteResult> DeleteAsync(string key, long expectedModRevision, CancellationToken cancellationToken = default) =>
        OpenResult(await inner.DeleteAsync(key, expectedModRevision, cancellationToken));

    public async IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var e in inner.WatchAsync(prefix, afterRevision, cancellationToken))
        {
            yield return SchemaFor(e.Kv.Key) is null ? e : e with { Kv = Open(e.Kv)!, PrevKv = Open(e.PrevKv) };
        }
    }

    public ValueTask CompactAsync(long revision, CancellationToken cancellationToken = default) => inner.CompactAsync(revision, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private SchemaNode? SchemaFor(string key)
    {
        foreach (var (prefix, schema) in sealedKinds)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return schema;
            }
        }

        return null;
    }

    private ReadOnlyMemory<byte> Seal(string key, ReadOnlyMemory<byte> value) => Transform(key, value, (text, path) => cipher.Seal(text, key + path));

    private KeyValue? Open(KeyValue? kv) =>
        kv is null || SchemaFor(kv.Key) is null ? kv : kv with { Value = Transform(kv.Key, kv.Value, (text, path) => FieldCipher.IsSealed(text) ? cipher.Open(text, kv.Key + path) : text) };

    private WriteResult OpenResult(WriteResult result) => result.Current is null ? result : result with { Current = Open(result.Current) };

    private ReadOnlyMemory<byte> Transform(string key, ReadOnlyMemory<byte> value, Func<string, string, string> transform)
    {
        var schema = SchemaFor(key);
        if (schema is null)
        {
            return value;
        }

        var node = JsonNode.Parse(value.Span);
        SensitiveFieldWalker.Rewrite(node, schema, transform);
        return JsonSerializer.SerializeToUtf8Bytes(node, ApiJson.Options);
    }
}

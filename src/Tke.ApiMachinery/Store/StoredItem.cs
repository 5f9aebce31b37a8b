using System.Runtime.CompilerServices;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.Storage;

namespace Tke.ApiMachinery.Store;

/// <summary>
/// One object as read from storage. The JSON with its resourceVersion and the typed
/// object are both computed on first use and then shared, so that a watch event fanned
/// out to a thousand watchers is encoded once.
/// </summary>
public sealed class StoredItem
{
    private static readonly ConditionalWeakTable<KeyValue, StoredItem> Shared = new();

    private byte[]? _json;
    private byte[]? _redacted;
    private byte[]?[]? _eventLines;
    private ApiObject? _object;

    private StoredItem(KindDefinition kind, KeyValue kv)
    {
        Kind = kind;
        Kv = kv;
    }

    public KindDefinition Kind { get; }

    public KeyValue Kv { get; }

    public long Revision => Kv.ModRevision;

    /// <summary>The object's JSON with metadata.resourceVersion set.</summary>
    public byte[] Json => _json ??= Kind.RewritesApiVersion
        ? StoredObjectCodec.WithApiVersion(StoredObjectCodec.WithResourceVersion(Kv.Value.Span, Kv.ModRevision), Kind.ApiVersion)
        : StoredObjectCodec.WithResourceVersion(Kv.Value.Span, Kv.ModRevision);

    /// <summary>The JSON with sensitive values replaced by a placeholder (see SecretRedaction).</summary>
    public byte[] RedactedJson => _redacted ??= Kind.HasSensitiveFields ? Secrets.SecretRedaction.Redact(Kind, Json) : Json;

    /// <summary>The JSON a caller gets: redacted unless <paramref name="revealSecrets"/>.</summary>
    public byte[] JsonFor(bool revealSecrets) => revealSecrets ? Json : RedactedJson;

    /// <summary>The typed object. Callers must not modify it: it may be shared; use <see cref="DecodeCopy"/>.</summary>
    public ApiObject Object => _object ??= DecodeCopy();

    /// <summary>The JSON watch event line for this item ({"type":..,"object":..}\n), built once per
    /// event type and shared by every watcher that receives it.</summary>
    public byte[] EventLine(int typeIndex, string type)
    {
        var lines = _eventLines ??= new byte[]?[3];
        if (lines[typeIndex] is { } cached)
        {
            return cached;
        }

        var prefix = System.Text.Encoding.ASCII.GetBytes("{\"type\":\"" + type + "\",\"object\":");
        var json = Json;
        var line = new byte[prefix.Length + json.Length + 2];
        prefix.CopyTo(line, 0);
        json.CopyTo(line, prefix.Length);
        line[^2] = (byte)'}';
        line[^1] = (byte)'\n';
        return lines[typeIndex] = line;
    }

    public static StoredItem Of(KindDefinition kind, KeyValue kv) => new(kind, kv);

    /// <summary>The one item for a storage event, shared by every watcher that receives it.</summary>
    public static StoredItem ForEvent(KindDefinition kind, KeyValue kv) =>
        kind.RewritesApiVersion ? new StoredItem(kind, kv) : Shared.GetValue(kv, k => new StoredItem(kind, k)); // watchers of other versions see other bytes

    /// <summary>A fresh typed object that the caller may change.</summary>
    public ApiObject DecodeCopy()
    {
        var obj = StoredObjectCodec.Decode(Kv.Value.Span, Kind.ObjectType, Kv.ModRevision);
        if (Kind.RewritesApiVersion)
        {
            obj.ApiVersion = Kind.ApiVersion;
        }

        return obj;
    }
}

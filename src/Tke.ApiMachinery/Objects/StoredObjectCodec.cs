using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using Tke.ApiMachinery.Json;

namespace Tke.ApiMachinery.Objects;

/// <summary>
/// Objects are stored as compact JSON without metadata.resourceVersion, because the
/// revision is only known once the store commits (as in Kubernetes' etcd3 storage).
/// On the way out the resourceVersion is spliced into the bytes instead of re-parsing and
/// re-serialising, which keeps get, list and watch cheap: the serialiser always writes
/// apiVersion, kind and then metadata first, so the metadata object opens near the start.
/// </summary>
public static class StoredObjectCodec
{
    private static ReadOnlySpan<byte> MetadataOpen => "\"metadata\":{"u8;

    private static ReadOnlySpan<byte> RvPrefix => "\"resourceVersion\":\""u8;

    /// <summary>Serialises a typed object for storage, without its resourceVersion.</summary>
    public static byte[] Encode(ApiObject obj)
    {
        var rv = obj.Metadata.ResourceVersion;
        obj.Metadata.ResourceVersion = null;
        try
        {
            return JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), ApiJson.Options);
        }
        finally
        {
            obj.Metadata.ResourceVersion = rv;
        }
    }

    /// <summary>The stored bytes with metadata.resourceVersion set to <paramref name="revision"/>.</summary>
    public static byte[] WithResourceVersion(ReadOnlySpan<byte> stored, long revision)
    {
        var buffer = new ArrayBufferWriter<byte>(stored.Length + 48);
        Write(buffer, stored, revision);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the stored bytes with the resourceVersion spliced in.</summary>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> stored, long revision)
    {
        var at = stored.IndexOf(MetadataOpen);
        if (at < 0)
        {
            throw new InvalidDataException("stored object has no metadata");
        }

        var split = at + MetadataOpen.Length;
        var empty = split < stored.Length && stored[split] == (byte)'}';
        output.Write(stored[..split]);
        var span = output.GetSpan(RvPrefix.Length + 24);
        RvPrefix.CopyTo(span);
        var n = RvPrefix.Length;
        Utf8Formatter.TryFormat(revision, span[n..], out var digits);
        n += digits;
        span[n++] = (byte)'"';
        if (!empty)
        {
            span[n++] = (byte)',';
        }

        output.Advance(n);
        output.Write(stored[split..]);
    }

    private static ReadOnlySpan<byte> ApiVersionOpen => "{\"apiVersion\":\""u8;

    /// <summary>The JSON with its leading apiVersion replaced (objects are always written apiVersion first);
    /// the same bytes when it already is that apiVersion.</summary>
    public static byte[] WithApiVersion(byte[] json, string apiVersion)
    {
        if (!json.AsSpan().StartsWith(ApiVersionOpen))
        {
            return json;
        }

        var valueStart = ApiVersionOpen.Length;
        var length = json.AsSpan(valueStart).IndexOf((byte)'"');
        var wanted = System.Text.Encoding.UTF8.GetBytes(apiVersion);
        if (length < 0 || json.AsSpan(valueStart, length).SequenceEqual(wanted))
        {
            return json;
        }

        var result = new byte[json.Length - length + wanted.Length];
        json.AsSpan(0, valueStart).CopyTo(result);
        wanted.CopyTo(result, valueStart);
        json.AsSpan(valueStart + length).CopyTo(result.AsSpan(valueStart + wanted.Length));
        return result;
    }

    /// <summary>Deserialises stored bytes into the kind's C# type with the given resourceVersion.</summary>
    public static ApiObject Decode(ReadOnlySpan<byte> stored, Type type, long revision)
    {
        var obj = (ApiObject?)JsonSerializer.Deserialize(stored, type, ApiJson.Options)
            ?? throw new InvalidDataException("stored object is null");
        obj.Metadata.ResourceVersion = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return obj;
    }
}

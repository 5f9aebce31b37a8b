using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tke.ApiMachinery.Protobuf;

/// <summary>
/// apimachinery types whose Go JSON form differs from their protobuf shape (custom MarshalJSON):
/// timestamps, quantities, int-or-string, raw embedded JSON, durations and verb lists.
/// </summary>
internal static class KubernetesWellKnownTypes
{
    private const string Meta = "k8s.io.apimachinery.pkg.apis.meta.v1.";

    private static readonly HashSet<string> Names =
    [
        Meta + "Time", Meta + "MicroTime", Meta + "Duration", Meta + "FieldsV1", Meta + "Verbs",
        "k8s.io.apimachinery.pkg.api.resource.Quantity", "k8s.io.apimachinery.pkg.api.resource.QuantityValue",
        "k8s.io.apimachinery.pkg.util.intstr.IntOrString", "k8s.io.apimachinery.pkg.runtime.RawExtension",
    ];

    public static bool Handles(string fullName) => Names.Contains(fullName);

    /// <summary>The JSON value, or null where Go writes null (a zero time, an empty raw extension).</summary>
    public static JsonNode? Decode(string fullName, ReadOnlySpan<byte> bytes, int remainingDepth) => fullName switch
    {
        Meta + "Time" => Timestamp(bytes, "yyyy-MM-dd'T'HH:mm:ss'Z'"),
        Meta + "MicroTime" => Timestamp(bytes, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'"),
        Meta + "Duration" => JsonValue.Create(GoDuration.Format((long)Varint(bytes, 1))),
        Meta + "FieldsV1" => EmbeddedJson(Bytes(bytes, 1), remainingDepth),
        Meta + "Verbs" => Strings(bytes, 1),
        "k8s.io.apimachinery.pkg.util.intstr.IntOrString" => IntOrString(bytes),
        "k8s.io.apimachinery.pkg.runtime.RawExtension" => EmbeddedJson(Bytes(bytes, 1), remainingDepth),
        // Quantity marshals its canonical string; the zero Quantity is "0".
        _ => JsonValue.Create(Bytes(bytes, 1) is { Length: > 0 } text ? Encoding.UTF8.GetString(text) : "0"),
    };

    private static JsonValue? Timestamp(ReadOnlySpan<byte> bytes, string format)
    {
        // metav1.Time marshals the zero time as an empty message, and JSON writes it as null.
        if (bytes.IsEmpty)
        {
            return null;
        }

        var seconds = (long)Varint(bytes, 1);
        var nanos = (long)(int)Varint(bytes, 2);
        if (nanos is < 0 or > 999_999_999 || seconds < DateTimeOffset.MinValue.ToUnixTimeSeconds() || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            throw new ProtobufFormatException($"timestamp {seconds}.{nanos} is out of range");
        }

        var time = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanos / 100);
        return JsonValue.Create(time.UtcDateTime.ToString(format, CultureInfo.InvariantCulture));
    }

    private static JsonValue IntOrString(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoWireReader(bytes);
        long type = 0;
        var intValue = 0;
        var text = "";
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field, wire)
            {
                case (1, WireType.Varint): type = (long)reader.ReadVarint(); break;
                case (2, WireType.Varint): intValue = (int)reader.ReadVarint(); break;
                case (3, WireType.LengthDelimited): text = Encoding.UTF8.GetString(reader.ReadLengthDelimited()); break;
                case (1 or 2 or 3, _): throw new ProtobufFormatException($"IntOrString field {field} has wire type {wire}");
                default: reader.Skip(wire); break;
            }
        }

        return type switch
        {
            0 => JsonValue.Create(intValue),
            1 => JsonValue.Create(text),
            _ => throw new ProtobufFormatException($"IntOrString type {type} is neither 0 (int) nor 1 (string)"),
        };
    }

    private static JsonNode? EmbeddedJson(ReadOnlySpan<byte> raw, int remainingDepth)
    {
        if (raw.IsEmpty)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(raw, documentOptions: new JsonDocumentOptions { MaxDepth = Math.Max(1, remainingDepth) });
        }
        catch (JsonException e)
        {
            throw new ProtobufFormatException($"embedded raw object is not JSON: {e.Message}");
        }
    }

    private static JsonArray Strings(ReadOnlySpan<byte> bytes, int number)
    {
        var items = new JsonArray();
        var reader = new ProtoWireReader(bytes);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field == number && wire == WireType.LengthDelimited)
            {
                items.Add(JsonValue.Create(Encoding.UTF8.GetString(reader.ReadLengthDelimited())));
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return items;
    }

    /// <summary>The last occurrence of a varint field (protobuf's last-one-wins), or 0.</summary>
    private static ulong Varint(ReadOnlySpan<byte> bytes, int number)
    {
        ulong value = 0;
        var reader = new ProtoWireReader(bytes);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field == number && wire == WireType.Varint)
            {
                value = reader.ReadVarint();
            }
            else if (field == number)
            {
                throw new ProtobufFormatException($"field {number} has wire type {wire}, not varint");
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return value;
    }

    /// <summary>The last occurrence of a length-delimited field, or empty.</summary>
    private static ReadOnlySpan<byte> Bytes(ReadOnlySpan<byte> bytes, int number)
    {
        ReadOnlySpan<byte> value = default;
        var reader = new ProtoWireReader(bytes);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field == number && wire == WireType.LengthDelimited)
            {
                value = reader.ReadLengthDelimited();
            }
            else if (field == number)
            {
                throw new ProtobufFormatException($"field {number} has wire type {wire}, not length-delimited");
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return value;
    }
}

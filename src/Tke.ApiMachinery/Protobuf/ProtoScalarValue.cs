using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Tke.ApiMachinery.Protobuf;

/// <summary>Reads one scalar (or enum) value and renders it as Go's encoding/json would.</summary>
internal static class ProtoScalarValue
{
    /// <summary>The wire type a single value of the type is written with.</summary>
    public static WireType WireTypeOf(string typeName) => typeName switch
    {
        "double" or "fixed64" or "sfixed64" => WireType.Fixed64,
        "float" or "fixed32" or "sfixed32" => WireType.Fixed32,
        "string" or "bytes" => WireType.LengthDelimited,
        _ => WireType.Varint,
    };

    /// <summary>Reads a value whose wire type was checked against <see cref="WireTypeOf"/>;
    /// <paramref name="isZero"/> says whether it is the type's default.</summary>
    public static JsonNode Read(ref ProtoWireReader reader, string typeName, out bool isZero)
    {
        switch (typeName)
        {
            case "string":
                var text = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                isZero = text.Length == 0;
                return JsonValue.Create(text);
            case "bytes":
                var bytes = reader.ReadLengthDelimited();
                isZero = bytes.IsEmpty;
                return JsonValue.Create(Convert.ToBase64String(bytes));
            case "double":
                return Floating(BitConverter.UInt64BitsToDouble(reader.ReadFixed64()), out isZero);
            case "float":
                return Floating(BitConverter.UInt32BitsToSingle(reader.ReadFixed32()), out isZero);
            case "fixed64":
                var f64 = reader.ReadFixed64();
                isZero = f64 == 0;
                return JsonValue.Create(f64);
            case "sfixed64":
                var s64 = (long)reader.ReadFixed64();
                isZero = s64 == 0;
                return JsonValue.Create(s64);
            case "fixed32":
                var f32 = reader.ReadFixed32();
                isZero = f32 == 0;
                return JsonValue.Create(f32);
            case "sfixed32":
                var s32 = (int)reader.ReadFixed32();
                isZero = s32 == 0;
                return JsonValue.Create(s32);
        }

        var raw = reader.ReadVarint();
        isZero = raw == 0;
        return typeName switch
        {
            "bool" => JsonValue.Create(raw != 0),
            "int64" => JsonValue.Create((long)raw),
            "uint64" => JsonValue.Create(raw),
            "uint32" => JsonValue.Create((uint)raw),
            "sint32" => JsonValue.Create((int)((uint)raw >> 1) ^ -(int)(raw & 1)),
            "sint64" => JsonValue.Create((long)(raw >> 1) ^ -(long)(raw & 1)),
            // int32 and enums: negative values arrive sign-extended to 64 bits.
            _ => JsonValue.Create((int)raw),
        };
    }

    /// <summary>A map key as the JSON property name Go writes for it.</summary>
    public static string KeyText(JsonNode key) => key.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.String => key.GetValue<string>(),
        _ => key.ToJsonString(),
    };

    /// <summary>The value Go holds for an absent scalar, as map entries may leave key or value out.</summary>
    public static JsonNode Default(string typeName) => typeName switch
    {
        "string" or "bytes" => JsonValue.Create(""),
        "bool" => JsonValue.Create(false),
        _ => JsonValue.Create(0),
    };

    private static JsonValue Floating(double value, out bool isZero)
    {
        if (!double.IsFinite(value))
        {
            // Go's encoding/json cannot write these either.
            throw new ProtobufFormatException($"unsupported floating-point value {value.ToString(CultureInfo.InvariantCulture)}");
        }

        isZero = value == 0;
        return JsonValue.Create(value);
    }
}

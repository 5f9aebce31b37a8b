using System.Text.Json.Nodes;

namespace Tke.ApiMachinery.Protobuf;

/// <summary>
/// Turns a protobuf message into the JSON object that the same Go value marshals to, driven by the
/// schema: field names are the JSON names, repeated fields become arrays, maps objects, bytes
/// base64, and non-pointer scalars at their zero value are left out (Go cannot tell them from unset).
/// One instance decodes one body: it counts values to bound the work hostile input can cause.
/// </summary>
public sealed class ProtoJsonDecoder(ProtoSchemaRegistry registry)
{
    /// <summary>Nesting limit, as for JSON bodies; Kubernetes objects nest about 15 deep.</summary>
    public const int MaxDepth = 100;

    /// <summary>Values in one body; a 3 MiB body of empty messages would otherwise make ~1.5M objects.</summary>
    public const int MaxValues = 500_000;

    private int _values;

    public JsonObject Decode(string messageName, ReadOnlySpan<byte> bytes)
    {
        var message = registry.Message(messageName) ?? throw new UnsupportedProtobufTypeException($"no protobuf schema for message {messageName}");
        var target = new JsonObject();
        DecodeInto(target, message, bytes, 1);
        return target;
    }

    private void DecodeInto(JsonObject target, ProtoMessage message, ReadOnlySpan<byte> bytes, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ProtobufFormatException($"messages are nested more than {MaxDepth} deep");
        }

        var reader = new ProtoWireReader(bytes);
        while (!reader.AtEnd)
        {
            var (number, wire) = reader.ReadTag();
            var field = message.Field(number);
            if (field is null)
            {
                // Fields newer than our schema: ignored, as Go's generated code does.
                reader.Skip(wire);
            }
            else if (field.IsMap)
            {
                Expect(field, wire, WireType.LengthDelimited);
                ReadMapEntry(Child(target, field.Name, () => new JsonObject()), field, reader.ReadLengthDelimited(), depth);
            }
            else if (field.IsRepeated)
            {
                ReadRepeated(ref reader, Child(target, field.Name, () => new JsonArray()), field, wire, depth);
            }
            else if (IsScalar(field.TypeName))
            {
                Expect(field, wire, ProtoScalarValue.WireTypeOf(ScalarType(field.TypeName)));
                var value = ReadScalar(ref reader, field.TypeName, out var isZero);
                if (isZero && field.NotNullable)
                {
                    target.Remove(field.Name);
                }
                else
                {
                    target[field.Name] = value;
                }
            }
            else
            {
                Expect(field, wire, WireType.LengthDelimited);
                var bytesOfField = reader.ReadLengthDelimited();
                if (field.Embedded)
                {
                    DecodeInto(target, Message(field.TypeName), bytesOfField, depth + 1);
                }
                else if (!KubernetesWellKnownTypes.Handles(field.TypeName) && target[field.Name] is JsonObject earlier)
                {
                    // A message field seen twice is merged, per the protobuf spec.
                    DecodeInto(earlier, Message(field.TypeName), bytesOfField, depth + 1);
                }
                else if (MessageValue(field.TypeName, bytesOfField, depth + 1) is { } value)
                {
                    target[field.Name] = value;
                }
                else
                {
                    target.Remove(field.Name);
                }
            }
        }
    }

    private void ReadRepeated(ref ProtoWireReader reader, JsonArray array, ProtoField field, WireType wire, int depth)
    {
        if (!IsScalar(field.TypeName))
        {
            Expect(field, wire, WireType.LengthDelimited);
            array.Add(MessageValue(field.TypeName, reader.ReadLengthDelimited(), depth + 1));
            return;
        }

        var scalar = ScalarType(field.TypeName);
        var elementWire = ProtoScalarValue.WireTypeOf(scalar);
        if (wire == WireType.LengthDelimited && elementWire != WireType.LengthDelimited)
        {
            // Packed: the values back to back in one length-delimited field.
            var packed = new ProtoWireReader(reader.ReadLengthDelimited());
            while (!packed.AtEnd)
            {
                array.Add(ReadScalar(ref packed, field.TypeName, out _));
            }

            return;
        }

        Expect(field, wire, elementWire);
        array.Add(ReadScalar(ref reader, field.TypeName, out _));
    }

    private void ReadMapEntry(JsonObject map, ProtoField field, ReadOnlySpan<byte> entry, int depth)
    {
        JsonNode? key = null;
        JsonNode? value = null;
        var valueSeen = false;
        var reader = new ProtoWireReader(entry);
        while (!reader.AtEnd)
        {
            var (number, wire) = reader.ReadTag();
            if (number == 1)
            {
                Expect(field, wire, ProtoScalarValue.WireTypeOf(field.MapKeyType!));
                key = ReadScalar(ref reader, field.MapKeyType!, out _);
            }
            else if (number == 2 && IsScalar(field.TypeName))
            {
                Expect(field, wire, ProtoScalarValue.WireTypeOf(ScalarType(field.TypeName)));
                value = ReadScalar(ref reader, field.TypeName, out _);
                valueSeen = true;
            }
            else if (number == 2)
            {
                Expect(field, wire, WireType.LengthDelimited);
                value = MessageValue(field.TypeName, reader.ReadLengthDelimited(), depth + 1);
                valueSeen = true;
            }
            else
            {
                reader.Skip(wire);
            }
        }

        if (!valueSeen)
        {
            // An entry may leave out a value equal to its default.
            value = IsScalar(field.TypeName) ? ProtoScalarValue.Default(ScalarType(field.TypeName)) : MessageValue(field.TypeName, [], depth + 1);
        }

        map[ProtoScalarValue.KeyText(key ?? ProtoScalarValue.Default(field.MapKeyType!))] = value;
    }

    private JsonNode? MessageValue(string typeName, ReadOnlySpan<byte> bytes, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ProtobufFormatException($"messages are nested more than {MaxDepth} deep");
        }

        Count();
        if (KubernetesWellKnownTypes.Handles(typeName))
        {
            return KubernetesWellKnownTypes.Decode(typeName, bytes, MaxDepth - depth);
        }

        var target = new JsonObject();
        DecodeInto(target, Message(typeName), bytes, depth);
        return target;
    }

    private JsonNode ReadScalar(ref ProtoWireReader reader, string typeName, out bool isZero)
    {
        Count();
        return ProtoScalarValue.Read(ref reader, ScalarType(typeName), out isZero);
    }

    private void Count()
    {
        if (++_values > MaxValues)
        {
            throw new ProtobufFormatException($"the body holds more than {MaxValues} values");
        }
    }

    private ProtoMessage Message(string typeName) =>
        registry.Message(typeName) ?? throw new UnsupportedProtobufTypeException($"no protobuf schema for message {typeName}");

    private bool IsScalar(string typeName) => ProtoScalars.IsScalar(typeName) || registry.IsEnum(typeName);

    /// <summary>Enums travel as int32 varints.</summary>
    private string ScalarType(string typeName) => registry.IsEnum(typeName) ? "int32" : typeName;

    private static T Child<T>(JsonObject parent, string name, Func<T> create) where T : JsonNode
    {
        if (parent[name] is T existing)
        {
            return existing;
        }

        var created = create();
        parent[name] = created;
        return created;
    }

    private static void Expect(ProtoField field, WireType actual, WireType expected)
    {
        if (actual != expected)
        {
            throw new ProtobufFormatException($"field {field.Name} ({field.Number}) has wire type {actual}, expected {expected}");
        }
    }
}

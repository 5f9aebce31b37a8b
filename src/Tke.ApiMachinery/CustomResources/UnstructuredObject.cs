using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.ApiMachinery.CustomResources;

/// <summary>
/// An object of a kind without a C# type (a custom resource): apiVersion, kind and metadata are
/// typed as for every object, everything else (spec, status, any top-level field the schema
/// declares) stays JSON. Serialises apiVersion, kind and metadata first, as the stored-object codec expects.
/// </summary>
[JsonConverter(typeof(UnstructuredObjectConverter))]
public sealed class UnstructuredObject : ApiObject
{
    /// <summary>The fields besides apiVersion, kind and metadata.</summary>
    public JsonObject? Content { get; set; }

    /// <summary>A top-level field, e.g. "spec"; null when absent.</summary>
    public JsonNode? Field(string name) => Content?[name];
}

/// <summary>Reads and writes an <see cref="UnstructuredObject"/> as one flat JSON object.</summary>
public sealed class UnstructuredObjectConverter : JsonConverter<UnstructuredObject>
{
    public override UnstructuredObject Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var node = JsonNode.Parse(ref reader) as JsonObject ?? throw new JsonException("an object must be a JSON object");
        var result = new UnstructuredObject();
        var content = new JsonObject();
        foreach (var (name, value) in node.ToList())
        {
            node.Remove(name);
            switch (name)
            {
                case "apiVersion":
                    result.ApiVersion = value?.GetValue<string>();
                    break;
                case "kind":
                    result.Kind = value?.GetValue<string>();
                    break;
                case "metadata":
                    result.Metadata = value?.Deserialize<ObjectMeta>(options) ?? new ObjectMeta();
                    break;
                default:
                    content[name] = value;
                    break;
            }
        }

        result.Content = content;
        return result;
    }

    public override void Write(Utf8JsonWriter writer, UnstructuredObject value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.ApiVersion is not null)
        {
            writer.WriteString("apiVersion", value.ApiVersion);
        }

        if (value.Kind is not null)
        {
            writer.WriteString("kind", value.Kind);
        }

        writer.WritePropertyName("metadata");
        JsonSerializer.Serialize(writer, value.Metadata, options);
        foreach (var (name, field) in value.Content ?? [])
        {
            writer.WritePropertyName(name);
            if (field is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                field.WriteTo(writer, options);
            }
        }

        writer.WriteEndObject();
    }
}

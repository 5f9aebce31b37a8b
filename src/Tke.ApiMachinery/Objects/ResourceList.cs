using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tke.ApiMachinery.Objects;

/// <summary>
/// Resource name to quantity, e.g. { "cpu": "2", "requests.memory": "4Gi" } (Kubernetes'
/// ResourceList). Quantities are kept as their canonical strings; rules that compare amounts parse them
/// (Tke.Kubernetes' Quantity).
/// </summary>
[JsonConverter(typeof(ResourceListJsonConverter))]
public sealed class ResourceList : Dictionary<string, string>
{
    public ResourceList()
        : base(StringComparer.Ordinal)
    {
    }

    public ResourceList(IDictionary<string, string> items)
        : base(items, StringComparer.Ordinal)
    {
    }
}

/// <summary>Reads quantities written as JSON numbers too (YAML `cpu: 2` becomes a number), always writes strings.</summary>
public sealed class ResourceListJsonConverter : JsonConverter<ResourceList>
{
    public override ResourceList Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a resource list must be a JSON object");
        }

        var list = new ResourceList();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString() ?? throw new JsonException("resource name expected");
            reader.Read();
            list[name] = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString() ?? "",
                JsonTokenType.Number => reader.GetDecimal().ToString(CultureInfo.InvariantCulture),
                _ => throw new JsonException($"quantity of {name} must be a string or a number"),
            };
        }

        return list;
    }

    public override void Write(Utf8JsonWriter writer, ResourceList value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, quantity) in value)
        {
            writer.WriteString(name, quantity);
        }

        writer.WriteEndObject();
    }
}

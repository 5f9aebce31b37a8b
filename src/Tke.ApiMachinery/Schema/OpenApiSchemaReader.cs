using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Objects;

namespace Tke.ApiMachinery.Schema;

/// <summary>
/// Builds a <see cref="SchemaNode"/> from an OpenAPI v3 schema given as JSON, such as a
/// CustomResourceDefinition's openAPIV3Schema: type, properties, required, enum, pattern,
/// minimum/maximum, minLength/maxLength, minItems/maxItems, items, additionalProperties, nullable,
/// default, description, format and the x-kubernetes extensions (preserve-unknown-fields,
/// int-or-string, list-type, list-map-keys, embedded-resource). The schema is assumed structural
/// (checked when the definition is accepted); what it leaves out is simply not constrained.
/// </summary>
public static class OpenApiSchemaReader
{
    private const int MaxDepth = 64;

    /// <summary>The root schema of a kind: apiVersion, kind and metadata are always the standard ones.</summary>
    public static SchemaNode ReadKindRoot(JsonObject schema, string group, string version, string kind)
    {
        var read = Read(schema);
        var properties = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
        AddObjectHeader(properties, read.Properties);
        return new SchemaNode
        {
            Type = SchemaType.Object,
            Description = read.Description,
            Properties = properties,
            Required = read.Required,
            AdditionalProperties = read.AdditionalProperties,
            PreserveUnknownFields = read.PreserveUnknownFields,
            DefinitionName = SchemaBuilder.KindDefinitionName(group, version, kind),
            GroupVersionKind = (group, version, kind),
            AppliesDefaults = true,
        };
    }

    /// <summary>The schema of any value.</summary>
    public static SchemaNode Read(JsonObject schema) => Node(schema, 0);

    private static SchemaNode Node(JsonObject schema, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException("the schema is nested too deeply");
        }

        var type = Text(schema, "type");
        var preserve = Flag(schema, "x-kubernetes-preserve-unknown-fields");
        var embedded = Flag(schema, "x-kubernetes-embedded-resource");
        var schemaType = type switch
        {
            "object" => SchemaType.Object,
            "array" => SchemaType.Array,
            "string" => SchemaType.String,
            "integer" => SchemaType.Integer,
            "number" => SchemaType.Number,
            "boolean" => SchemaType.Boolean,
            _ when Flag(schema, "x-kubernetes-int-or-string") => SchemaType.IntOrString,
            _ when embedded || schema["properties"] is JsonObject => SchemaType.Object,
            _ => SchemaType.Any,
        };

        Dictionary<string, SchemaNode>? properties = null;
        if (schema["properties"] is JsonObject declared)
        {
            properties = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
            foreach (var (name, child) in declared)
            {
                if (child is JsonObject childSchema)
                {
                    properties[name] = Node(childSchema, depth + 1);
                }
            }
        }

        if (embedded)
        {
            var withHeader = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
            AddObjectHeader(withHeader, properties);
            properties = withHeader;
        }

        var additional = schema["additionalProperties"] switch
        {
            JsonObject values => Node(values, depth + 1),
            JsonValue allowed when allowed.GetValueKind() == JsonValueKind.True => new SchemaNode { Type = SchemaType.Any },
            _ => null,
        };

        var listType = Text(schema, "x-kubernetes-list-type");
        return new SchemaNode
        {
            Type = schemaType,
            Format = Text(schema, "format"),
            Description = Text(schema, "description"),
            Properties = properties,
            Required = schema["required"] is JsonArray required ? Strings(required) : null,
            Items = schema["items"] is JsonObject items ? Node(items, depth + 1) : null,
            AdditionalProperties = additional,
            PreserveUnknownFields = preserve || schemaType == SchemaType.Any,
            Enum = schema["enum"] is JsonArray values2 ? values2.Select(EnumText).ToArray() : null,
            MinLength = Integer(schema, "minLength"),
            MaxLength = Integer(schema, "maxLength"),
            MinItems = Integer(schema, "minItems"),
            MaxItems = Integer(schema, "maxItems"),
            Pattern = Text(schema, "pattern"),
            Minimum = Number(schema, "minimum"),
            Maximum = Number(schema, "maximum"),
            ListType = listType,
            ListMapKeys = schema["x-kubernetes-list-map-keys"] is JsonArray keys ? Strings(keys) : null,
            ChecksListType = listType is not null,
            Default = schema["default"]?.DeepClone(),
            Nullable = Flag(schema, "nullable"),
            EmbeddedResource = embedded,
        };
    }

    /// <summary>apiVersion and kind as strings and metadata as ObjectMeta, before the declared properties.</summary>
    private static void AddObjectHeader(Dictionary<string, SchemaNode> target, IReadOnlyDictionary<string, SchemaNode>? declared)
    {
        target["apiVersion"] = declared?.GetValueOrDefault("apiVersion") is { Type: SchemaType.String } apiVersion
            ? apiVersion
            : new SchemaNode { Type = SchemaType.String, Description = "Versioned schema of this representation of an object." };
        target["kind"] = declared?.GetValueOrDefault("kind") is { Type: SchemaType.String } kind
            ? kind
            : new SchemaNode { Type = SchemaType.String, Description = "The REST resource this object represents." };
        target["metadata"] = SchemaBuilder.Shared.For(typeof(ObjectMeta));
        foreach (var (name, child) in declared ?? new Dictionary<string, SchemaNode>())
        {
            if (name is not ("apiVersion" or "kind" or "metadata"))
            {
                target[name] = child;
            }
        }
    }

    private static string? Text(JsonObject schema, string name) =>
        schema[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static bool Flag(JsonObject schema, string name) =>
        schema[name] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    private static int? Integer(JsonObject schema, string name) =>
        schema[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && long.TryParse(v.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? (int)Math.Clamp(n, 0, int.MaxValue)
            : null;

    private static double? Number(JsonObject schema, string name) =>
        schema[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture) : null;

    private static string[] Strings(JsonArray array) =>
        array.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()).ToArray();

    private static string EnumText(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? "null";
}

using System.Text.Json.Nodes;
using Tke.ApiMachinery.Schema;

namespace Tke.ApiMachinery.OpenApi;

internal enum OpenApiVersion
{
    /// <summary>Swagger 2.0 (/openapi/v2): refs into #/definitions, a described ref as $ref plus description.</summary>
    V2,

    /// <summary>OpenAPI 3.0 (/openapi/v3): refs into #/components/schemas, a described ref wrapped in allOf.</summary>
    V3,
}

/// <summary>Turns <see cref="SchemaNode"/> trees into OpenAPI schema objects, named types becoming references.</summary>
internal sealed class SchemaJsonWriter(OpenApiVersion version, DefinitionSet definitions)
{
    public string RefPrefix { get; } = version == OpenApiVersion.V2 ? "#/definitions/" : "#/components/schemas/";

    public JsonObject Reference(string definitionName) => new() { ["$ref"] = RefPrefix + definitionName };

    public JsonObject Definition(NamedSchema definition) => Body(definition.Body, definition.Description);

    /// <summary>An element schema (array items, map values): a named type is a plain $ref.</summary>
    private JsonObject Inline(SchemaNode node) =>
        node.DefinitionName is { } name ? Reference(Defined(name)) : Body(node, node.Description);

    /// <summary>A property schema: a named type keeps the property's description.</summary>
    private JsonObject Property(SchemaNode node) =>
        node.DefinitionName is { } name ? Referencing(node, name) : Body(node, node.Description);

    private string Defined(string name) =>
        definitions.Contains(name) ? name : throw new InvalidOperationException($"schema {name} is referenced but not defined");

    private JsonObject Referencing(SchemaNode node, string name)
    {
        if (!definitions.Contains(name))
        {
            throw new InvalidOperationException($"schema {name} is referenced but not defined");
        }

        var description = node.Description;
        if (description is null || (version == OpenApiVersion.V2 && description == definitions.DescriptionOf(name)))
        {
            return Reference(name);
        }

        // A $ref's siblings are ignored in OpenAPI 3.0, so Kubernetes wraps the ref to keep the property's
        // description (kubectl explain shows a bare $ref field as "<no description>").
        return version == OpenApiVersion.V2
            ? new JsonObject { ["$ref"] = RefPrefix + name, ["description"] = description }
            : new JsonObject { ["allOf"] = new JsonArray(Reference(name)), ["description"] = description };
    }

    private JsonObject Body(SchemaNode node, string? description)
    {
        var schema = new JsonObject();
        if (description is not null)
        {
            schema["description"] = description;
        }

        switch (node.Type)
        {
            case SchemaType.Object:
                schema["type"] = "object";
                WriteObjectMembers(schema, node);
                break;
            case SchemaType.Array:
                schema["type"] = "array";
                schema["items"] = node.Items is null
                    ? new JsonObject { ["x-kubernetes-preserve-unknown-fields"] = true }
                    : Inline(node.Items);
                break;
            case SchemaType.String:
                schema["type"] = "string";
                break;
            case SchemaType.Integer:
                schema["type"] = "integer";
                break;
            case SchemaType.Number:
                schema["type"] = "number";
                break;
            case SchemaType.Boolean:
                schema["type"] = "boolean";
                break;
            case SchemaType.IntOrString:
                schema["x-kubernetes-int-or-string"] = true;
                break;
            case SchemaType.Any:
                break;
        }

        WriteConstraints(schema, node);
        WriteExtensions(schema, node);
        return schema;
    }

    private void WriteObjectMembers(JsonObject schema, SchemaNode node)
    {
        if (node.Properties is not null)
        {
            var properties = new JsonObject();
            foreach (var (name, child) in node.Properties)
            {
                properties[name] = Property(child);
            }

            schema["properties"] = properties;
        }

        if (node.Required is { Count: > 0 })
        {
            schema["required"] = new JsonArray([.. node.Required.Select(r => (JsonNode)r)]);
        }

        if (node.AdditionalProperties is not null)
        {
            schema["additionalProperties"] = Inline(node.AdditionalProperties);
        }
    }

    private void WriteConstraints(JsonObject schema, SchemaNode node)
    {
        if (node.Format is not null)
        {
            schema["format"] = node.Format;
        }

        if (node.Enum is { Count: > 0 })
        {
            schema["enum"] = new JsonArray([.. node.Enum.Select(e => (JsonNode)e)]);
        }

        if (node.MaxLength is { } maxLength)
        {
            schema["maxLength"] = maxLength;
        }

        if (node.MinLength is { } minLength)
        {
            schema["minLength"] = minLength;
        }

        if (node.Pattern is not null)
        {
            schema["pattern"] = node.Pattern;
        }

        if (node.Minimum is { } minimum)
        {
            schema["minimum"] = minimum;
        }

        if (node.Maximum is { } maximum)
        {
            schema["maximum"] = maximum;
        }

        if (node.MinItems is { } minItems)
        {
            schema["minItems"] = minItems;
        }

        if (node.MaxItems is { } maxItems)
        {
            schema["maxItems"] = maxItems;
        }

        if (node.Nullable && version == OpenApiVersion.V3)
        {
            schema["nullable"] = true;
        }

        if (node.Default is { } fallback)
        {
            schema["default"] = fallback.DeepClone();
        }
    }

    private static void WriteExtensions(JsonObject schema, SchemaNode node)
    {
        if (node.PreserveUnknownFields || node.Type == SchemaType.Any)
        {
            schema["x-kubernetes-preserve-unknown-fields"] = true;
        }

        if (node.ListType is not null)
        {
            schema["x-kubernetes-list-type"] = node.ListType;
            if (node.ListType == "map" && node.ListMapKeys is { Count: > 0 } keys)
            {
                schema["x-kubernetes-list-map-keys"] = new JsonArray([.. keys.Select(k => (JsonNode)k)]);
            }
            else if (node.ListType == "map" && node.PatchMergeKey is not null)
            {
                schema["x-kubernetes-list-map-keys"] = new JsonArray(node.PatchMergeKey);
            }
        }

        if (node.EmbeddedResource)
        {
            schema["x-kubernetes-embedded-resource"] = true;
        }

        if (node.PatchMergeKey is not null)
        {
            schema["x-kubernetes-patch-merge-key"] = node.PatchMergeKey;
        }

        if (node.PatchStrategy is not null)
        {
            schema["x-kubernetes-patch-strategy"] = node.PatchStrategy;
        }

        if (node.GroupVersionKind is { } gvk)
        {
            schema["x-kubernetes-group-version-kind"] = new JsonArray(GroupVersionKind(gvk.Group, gvk.Version, gvk.Kind));
        }
    }

    /// <summary>The {group, kind, version} object of x-kubernetes-group-version-kind.</summary>
    public static JsonObject GroupVersionKind(string group, string version, string kind) =>
        new() { ["group"] = group, ["kind"] = kind, ["version"] = version };
}

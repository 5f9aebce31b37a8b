using System.Text.Json;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Schema;
using Tke.ApiMachinery.Validation;

namespace Tke.SimCluster.ApiExtensions;

/// <summary>
/// kube-apiserver's checks that an openAPIV3Schema is structural (every field has a type, unless it is
/// int-or-string or preserves unknown fields; the root is an object; metadata is left to the server)
/// and that its extensions and defaults make sense. Paths read as kube-apiserver writes them:
/// spec.versions[0].schema.openAPIV3Schema.properties[spec].type.
/// </summary>
public static class StructuralSchemaRules
{
    private static readonly string[] Types = ["array", "boolean", "integer", "number", "object", "string"];
    private static readonly string[] ListTypes = ["atomic", "map", "set"];

    public static void Validate(JsonObject schema, string path, FieldErrorList errors)
    {
        var type = Text(schema, "type");
        if (type is null)
        {
            errors.Required(path + ".type", "must not be empty at the root");
        }
        else if (type != "object")
        {
            errors.Invalid(path + ".type", type, "must be object at the root");
        }

        if (schema["properties"] is JsonObject properties && properties["metadata"] is JsonObject metadata)
        {
            ValidateMetadata(metadata, path + ".properties[metadata]", errors);
        }

        Node(schema, path, errors, root: true, depth: 0);
    }

    private static void Node(JsonObject schema, string path, FieldErrorList errors, bool root, int depth)
    {
        if (depth > 50)
        {
            errors.Forbidden(path, "the schema is nested too deeply");
            return;
        }

        var type = Text(schema, "type");
        if (type is not null && !Types.Contains(type))
        {
            errors.NotSupported(path + ".type", type, Types);
        }

        var intOrString = Flag(schema, "x-kubernetes-int-or-string");
        if (intOrString && type is not null)
        {
            errors.Invalid(path + ".type", type, "must be empty if x-kubernetes-int-or-string is true");
        }

        if (schema["x-kubernetes-preserve-unknown-fields"] is JsonValue preserve && preserve.GetValueKind() == JsonValueKind.False)
        {
            errors.Invalid(path + ".x-kubernetes-preserve-unknown-fields", false, "must be true or undefined");
        }

        if (Flag(schema, "x-kubernetes-embedded-resource") && type != "object")
        {
            errors.Invalid(path + ".type", type ?? "", "must be object if x-kubernetes-embedded-resource is true");
        }

        if (schema["properties"] is JsonObject && schema["additionalProperties"] is JsonObject)
        {
            errors.Forbidden(path + ".additionalProperties", "additionalProperties and properties are mutual exclusive");
        }

        if (schema["$ref"] is not null)
        {
            errors.Forbidden(path + ".$ref", "$ref is not supported");
        }

        ValidateListType(schema, path, type, errors);

        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, value) in properties)
            {
                var childPath = $"{path}.properties[{name}]";
                if (value is not JsonObject child)
                {
                    errors.Invalid(childPath, value?.ToJsonString() ?? "null", "must be a schema object");
                    continue;
                }

                if (root && name == "metadata")
                {
                    continue; // checked on its own: the server owns metadata's schema
                }

                RequireType(child, childPath, "must not be empty for specified object fields", errors);
                Node(child, childPath, errors, root: false, depth + 1);
            }
        }

        if (schema["items"] is JsonObject items)
        {
            RequireType(items, path + ".items", "must not be empty for specified array items", errors);
            Node(items, path + ".items", errors, root: false, depth + 1);
        }
        else if (type == "array")
        {
            errors.Required(path + ".items", "must be specified");
        }

        if (schema["additionalProperties"] is JsonObject values)
        {
            RequireType(values, path + ".additionalProperties", "must not be empty for specified additionalProperties", errors);
            Node(values, path + ".additionalProperties", errors, root: false, depth + 1);
        }

        if (schema["default"] is { } fallback)
        {
            ValidateDefault(schema, fallback, path + ".default", root, errors);
        }
    }

    private static void RequireType(JsonObject schema, string path, string detail, FieldErrorList errors)
    {
        if (Text(schema, "type") is null && !Flag(schema, "x-kubernetes-int-or-string") && !Flag(schema, "x-kubernetes-preserve-unknown-fields"))
        {
            errors.Required(path + ".type", detail);
        }
    }

    private static void ValidateListType(JsonObject schema, string path, string? type, FieldErrorList errors)
    {
        var listType = Text(schema, "x-kubernetes-list-type");
        if (listType is null)
        {
            if (schema["x-kubernetes-list-map-keys"] is not null)
            {
                errors.Forbidden(path + ".x-kubernetes-list-map-keys", "must only be set if x-kubernetes-list-type is map");
            }

            return;
        }

        if (!ListTypes.Contains(listType))
        {
            errors.NotSupported(path + ".x-kubernetes-list-type", listType, ListTypes);
            return;
        }

        if (type != "array")
        {
            errors.Invalid(path + ".type", type ?? "", "must be array if x-kubernetes-list-type is specified");
        }

        if (listType == "map")
        {
            if (schema["x-kubernetes-list-map-keys"] is not JsonArray { Count: > 0 } keys)
            {
                errors.Required(path + ".x-kubernetes-list-map-keys", "must not be empty if x-kubernetes-list-type is map");
                return;
            }

            var itemProperties = (schema["items"] as JsonObject)?["properties"] as JsonObject;
            foreach (var key in keys)
            {
                var name = key is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";
                if (itemProperties?.ContainsKey(name) != true)
                {
                    errors.Invalid(path + ".x-kubernetes-list-map-keys", name, "entries must all be names of item properties");
                }
            }
        }
    }

    /// <summary>metadata may only constrain name and generateName; the rest of ObjectMeta is the server's.</summary>
    private static void ValidateMetadata(JsonObject metadata, string path, FieldErrorList errors)
    {
        foreach (var (key, value) in metadata)
        {
            var allowed = key switch
            {
                "type" => Text(metadata, "type") == "object",
                "properties" => value is JsonObject props && props.All(p => p.Key is "name" or "generateName"),
                "description" => true,
                _ => false,
            };
            if (!allowed)
            {
                errors.Forbidden(path, "must not specify anything other than name and generateName, but metadata is implicitly specified");
                return;
            }
        }
    }

    /// <summary>A default must itself pass the field's schema.</summary>
    private static void ValidateDefault(JsonObject schema, JsonNode fallback, string path, bool root, FieldErrorList errors)
    {
        if (root)
        {
            errors.Forbidden(path, "must not be set at the root");
            return;
        }

        SchemaNode node;
        try
        {
            node = OpenApiSchemaReader.Read(schema);
        }
        catch (ArgumentException)
        {
            return; // reported by the structural checks
        }

        var copy = fallback.DeepClone();
        SchemaDefaulting.Apply(copy, node);
        var result = SchemaValidation.Validate(copy, node);
        foreach (var error in result.Errors)
        {
            // A scalar default has no path of its own: its errors read "in body should ...".
            errors.Invalid(path, fallback.ToJsonString(), error.Field.Length == 0 ? error.Detail.TrimStart() : error.Message);
        }

        if (result.UnknownFields.Count > 0)
        {
            errors.Invalid(path, fallback.ToJsonString(), "must not have unknown fields: " + string.Join(", ", result.UnknownFields));
        }
    }

    private static string? Text(JsonObject schema, string name) =>
        schema[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static bool Flag(JsonObject schema, string name) =>
        schema[name] is JsonValue v && v.GetValueKind() == JsonValueKind.True;
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tke.ApiMachinery.OpenApi;

/// <summary>
/// Encodes a Swagger 2.0 JSON document as gnostic's openapi.v2.Document protobuf message
/// (github.com/google/gnostic-models, openapiv2/OpenAPIv2.proto), the form client-go's
/// OpenAPISchema() asks /openapi/v2 for. Field numbers below are that file's.
/// Extension ("x-") members become NamedAny entries whose Any.yaml holds the value as YAML,
/// which is how kube-openapi reads x-kubernetes-group-version-kind and the patch extensions back.
/// A member the encoder has no field for throws, so the JSON and protobuf forms cannot drift apart.
/// </summary>
internal static class SwaggerProtobufEncoder
{
    public static byte[] Encode(JsonObject document)
    {
        var writer = new ProtobufWriter();
        Document(writer, document);
        return writer.ToArray();
    }

    private static void Document(ProtobufWriter w, JsonObject document)
    {
        foreach (var (key, value) in document)
        {
            switch (key)
            {
                case "swagger": w.String(1, Text(value)); break;
                case "info": w.Message(2, m => Info(m, Object(value))); break;
                case "host": w.String(3, Text(value)); break;
                case "basePath": w.String(4, Text(value)); break;
                case "schemes": w.Strings(5, Texts(value)); break;
                case "consumes": w.Strings(6, Texts(value)); break;
                case "produces": w.Strings(7, Texts(value)); break;
                case "paths": w.Message(8, m => Paths(m, Object(value))); break;
                case "definitions": w.Message(9, m => NamedSchemas(m, 1, Object(value))); break;
                default: Extension(w, 16, "Document", key, value); break;
            }
        }
    }

    private static void Info(ProtobufWriter w, JsonObject info)
    {
        foreach (var (key, value) in info)
        {
            switch (key)
            {
                case "title": w.String(1, Text(value)); break;
                case "version": w.String(2, Text(value)); break;
                case "description": w.String(3, Text(value)); break;
                case "termsOfService": w.String(4, Text(value)); break;
                default: Extension(w, 7, "Info", key, value); break;
            }
        }
    }

    private static void Paths(ProtobufWriter w, JsonObject paths)
    {
        foreach (var (key, value) in paths)
        {
            if (IsExtension(key))
            {
                Extension(w, 1, "Paths", key, value);
                continue;
            }

            // NamedPathItem: name = 1, value = 2.
            w.Message(2, named =>
            {
                named.String(1, key);
                named.Message(2, m => PathItem(m, Object(value)));
            });
        }
    }

    private static void PathItem(ProtobufWriter w, JsonObject item)
    {
        foreach (var (key, value) in item)
        {
            switch (key)
            {
                case "$ref": w.String(1, Text(value)); break;
                case "get": w.Message(2, m => Operation(m, Object(value))); break;
                case "put": w.Message(3, m => Operation(m, Object(value))); break;
                case "post": w.Message(4, m => Operation(m, Object(value))); break;
                case "delete": w.Message(5, m => Operation(m, Object(value))); break;
                case "options": w.Message(6, m => Operation(m, Object(value))); break;
                case "head": w.Message(7, m => Operation(m, Object(value))); break;
                case "patch": w.Message(8, m => Operation(m, Object(value))); break;
                case "parameters": ParametersItems(w, 9, value); break;
                default: Extension(w, 10, "PathItem", key, value); break;
            }
        }
    }

    private static void Operation(ProtobufWriter w, JsonObject operation)
    {
        foreach (var (key, value) in operation)
        {
            switch (key)
            {
                case "tags": w.Strings(1, Texts(value)); break;
                case "summary": w.String(2, Text(value)); break;
                case "description": w.String(3, Text(value)); break;
                case "operationId": w.String(5, Text(value)); break;
                case "produces": w.Strings(6, Texts(value)); break;
                case "consumes": w.Strings(7, Texts(value)); break;
                case "parameters": ParametersItems(w, 8, value); break;
                case "responses": w.Message(9, m => Responses(m, Object(value))); break;
                case "schemes": w.Strings(10, Texts(value)); break;
                case "deprecated": w.Bool(11, Bool(value)); break;
                default: Extension(w, 13, "Operation", key, value); break;
            }
        }
    }

    /// <summary>Repeated ParametersItem: oneof parameter = 1 (Parameter) | json_reference = 2.</summary>
    private static void ParametersItems(ProtobufWriter w, int field, JsonNode? parameters)
    {
        foreach (var parameter in Array(parameters))
        {
            var p = Object(parameter);
            w.Message(field, item =>
            {
                if (p.ContainsKey("$ref"))
                {
                    item.Message(2, r => JsonReference(r, p));
                    return;
                }

                // Parameter: oneof body_parameter = 1 | non_body_parameter = 2.
                item.Message(1, param =>
                {
                    var location = Text(p["in"]);
                    if (location == "body")
                    {
                        param.Message(1, m => BodyParameter(m, p));
                        return;
                    }

                    // NonBodyParameter: oneof header = 1 | form_data = 2 | query = 3 | path = 4.
                    param.Message(2, nonBody =>
                    {
                        switch (location)
                        {
                            case "header": nonBody.Message(1, m => NonBodySubSchema(m, p, hasAllowEmptyValue: false)); break;
                            case "formData": nonBody.Message(2, m => NonBodySubSchema(m, p, hasAllowEmptyValue: true)); break;
                            case "query": nonBody.Message(3, m => NonBodySubSchema(m, p, hasAllowEmptyValue: true)); break;
                            case "path": nonBody.Message(4, m => NonBodySubSchema(m, p, hasAllowEmptyValue: false)); break;
                            default: throw new InvalidOperationException($"parameter location '{location}' is not a Swagger 2.0 location");
                        }
                    });
                });
            });
        }
    }

    private static void JsonReference(ProtobufWriter w, JsonObject reference)
    {
        foreach (var (key, value) in reference)
        {
            switch (key)
            {
                case "$ref": w.String(1, Text(value)); break;
                case "description": w.String(2, Text(value)); break;
                default: throw Unsupported("JsonReference", key);
            }
        }
    }

    private static void BodyParameter(ProtobufWriter w, JsonObject parameter)
    {
        foreach (var (key, value) in parameter)
        {
            switch (key)
            {
                case "description": w.String(1, Text(value)); break;
                case "name": w.String(2, Text(value)); break;
                case "in": w.String(3, Text(value)); break;
                case "required": w.Bool(4, Bool(value)); break;
                case "schema": w.Message(5, m => Schema(m, Object(value))); break;
                default: Extension(w, 6, "BodyParameter", key, value); break;
            }
        }
    }

    /// <summary>
    /// Query and formData sub-schemas have allow_empty_value = 5 and the shared fields from 6; header and
    /// path sub-schemas lack it and have the same fields from 5, in the same order.
    /// </summary>
    private static void NonBodySubSchema(ProtobufWriter w, JsonObject parameter, bool hasAllowEmptyValue)
    {
        var b = hasAllowEmptyValue ? 6 : 5;
        foreach (var (key, value) in parameter)
        {
            switch (key)
            {
                case "required": w.Bool(1, Bool(value)); break;
                case "in": w.String(2, Text(value)); break;
                case "description": w.String(3, Text(value)); break;
                case "name": w.String(4, Text(value)); break;
                case "allowEmptyValue" when hasAllowEmptyValue: w.Bool(5, Bool(value)); break;
                case "type": w.String(b, Text(value)); break;
                case "format": w.String(b + 1, Text(value)); break;
                case "collectionFormat": w.String(b + 3, Text(value)); break;
                case "default": w.Message(b + 4, m => Any(m, value)); break;
                case "maximum": w.Double(b + 5, Number(value)); break;
                case "exclusiveMaximum": w.Bool(b + 6, Bool(value)); break;
                case "minimum": w.Double(b + 7, Number(value)); break;
                case "exclusiveMinimum": w.Bool(b + 8, Bool(value)); break;
                case "maxLength": w.Int64(b + 9, Integer(value)); break;
                case "minLength": w.Int64(b + 10, Integer(value)); break;
                case "pattern": w.String(b + 11, Text(value)); break;
                case "maxItems": w.Int64(b + 12, Integer(value)); break;
                case "minItems": w.Int64(b + 13, Integer(value)); break;
                case "uniqueItems": w.Bool(b + 14, Bool(value)); break;
                case "enum": Anys(w, b + 15, value); break;
                case "multipleOf": w.Double(b + 16, Number(value)); break;
                default: Extension(w, b + 17, "parameter", key, value); break;
            }
        }
    }

    private static void Responses(ProtobufWriter w, JsonObject responses)
    {
        foreach (var (code, value) in responses)
        {
            if (IsExtension(code))
            {
                Extension(w, 2, "Responses", code, value);
                continue;
            }

            var response = Object(value);

            // NamedResponseValue: name = 1, value = 2 (ResponseValue: oneof response = 1 | json_reference = 2).
            w.Message(1, named =>
            {
                named.String(1, code);
                named.Message(2, responseValue =>
                {
                    if (response.ContainsKey("$ref"))
                    {
                        responseValue.Message(2, r => JsonReference(r, response));
                    }
                    else
                    {
                        responseValue.Message(1, m => Response(m, response));
                    }
                });
            });
        }
    }

    private static void Response(ProtobufWriter w, JsonObject response)
    {
        foreach (var (key, value) in response)
        {
            switch (key)
            {
                case "description": w.String(1, Text(value)); break;

                // SchemaItem: oneof schema = 1 | file_schema = 2.
                case "schema": w.Message(2, item => item.Message(1, m => Schema(m, Object(value)))); break;
                default: Extension(w, 5, "Response", key, value); break;
            }
        }
    }

    private static void NamedSchemas(ProtobufWriter w, int field, JsonObject schemas)
    {
        foreach (var (name, schema) in schemas)
        {
            // NamedSchema: name = 1, value = 2.
            w.Message(field, named =>
            {
                named.String(1, name);
                named.Message(2, m => Schema(m, Object(schema)));
            });
        }
    }

    private static void Schema(ProtobufWriter w, JsonObject schema)
    {
        foreach (var (key, value) in schema)
        {
            switch (key)
            {
                case "$ref": w.String(1, Text(value)); break;
                case "format": w.String(2, Text(value)); break;
                case "title": w.String(3, Text(value)); break;
                case "description": w.String(4, Text(value)); break;
                case "default": w.Message(5, m => Any(m, value)); break;
                case "multipleOf": w.Double(6, Number(value)); break;
                case "maximum": w.Double(7, Number(value)); break;
                case "exclusiveMaximum": w.Bool(8, Bool(value)); break;
                case "minimum": w.Double(9, Number(value)); break;
                case "exclusiveMinimum": w.Bool(10, Bool(value)); break;
                case "maxLength": w.Int64(11, Integer(value)); break;
                case "minLength": w.Int64(12, Integer(value)); break;
                case "pattern": w.String(13, Text(value)); break;
                case "maxItems": w.Int64(14, Integer(value)); break;
                case "minItems": w.Int64(15, Integer(value)); break;
                case "uniqueItems": w.Bool(16, Bool(value)); break;
                case "maxProperties": w.Int64(17, Integer(value)); break;
                case "minProperties": w.Int64(18, Integer(value)); break;
                case "required": w.Strings(19, Texts(value)); break;
                case "enum": Anys(w, 20, value); break;
                case "additionalProperties": w.Message(21, m => AdditionalProperties(m, value)); break;

                // TypeItem: repeated string value = 1.
                case "type": w.Message(22, m => m.Strings(1, value is JsonArray ? Texts(value) : [Text(value)])); break;

                // ItemsItem: repeated Schema schema = 1.
                case "items": w.Message(23, m => SchemaList(m, 1, value is JsonArray ? Array(value) : [value])); break;
                case "allOf": SchemaList(w, 24, Array(value)); break;

                // Properties: repeated NamedSchema additional_properties = 1.
                case "properties": w.Message(25, m => NamedSchemas(m, 1, Object(value))); break;
                case "discriminator": w.String(26, Text(value)); break;
                case "readOnly": w.Bool(27, Bool(value)); break;
                case "example": w.Message(30, m => Any(m, value)); break;
                default: Extension(w, 31, "Schema", key, value); break;
            }
        }
    }

    /// <summary>AdditionalPropertiesItem: oneof schema = 1 | boolean = 2 (a oneof member is written even when false).</summary>
    private static void AdditionalProperties(ProtobufWriter w, JsonNode? value)
    {
        if (value is JsonObject schema)
        {
            w.Message(1, m => Schema(m, schema));
        }
        else
        {
            w.Bool(2, Bool(value), evenIfDefault: true);
        }
    }

    private static void SchemaList(ProtobufWriter w, int field, IEnumerable<JsonNode?> schemas)
    {
        foreach (var schema in schemas)
        {
            w.Message(field, m => Schema(m, Object(schema)));
        }
    }

    private static void Anys(ProtobufWriter w, int field, JsonNode? values)
    {
        foreach (var value in Array(values))
        {
            w.Message(field, m => Any(m, value));
        }
    }

    /// <summary>Any: value = 1 (google.protobuf.Any, unused), yaml = 2.</summary>
    private static void Any(ProtobufWriter w, JsonNode? value) => w.String(2, YamlText.From(value));

    /// <summary>NamedAny: name = 1, value = 2.</summary>
    private static void Extension(ProtobufWriter w, int field, string message, string key, JsonNode? value)
    {
        if (!IsExtension(key))
        {
            throw Unsupported(message, key);
        }

        w.Message(field, named =>
        {
            named.String(1, key);
            named.Message(2, m => Any(m, value));
        });
    }

    private static bool IsExtension(string key) => key.StartsWith("x-", StringComparison.Ordinal);

    private static InvalidOperationException Unsupported(string message, string key) =>
        new($"the protobuf encoding of {message} has no field for '{key}'");

    private static JsonObject Object(JsonNode? node) =>
        node as JsonObject ?? throw new InvalidOperationException($"expected a JSON object, got {node?.GetValueKind().ToString() ?? "null"}");

    private static IEnumerable<JsonNode?> Array(JsonNode? node) =>
        node as JsonArray ?? throw new InvalidOperationException($"expected a JSON array, got {node?.GetValueKind().ToString() ?? "null"}");

    private static string Text(JsonNode? node) => node?.GetValue<string>() ?? throw new InvalidOperationException("expected a string, got null");

    private static IEnumerable<string> Texts(JsonNode? node) => Array(node).Select(Text);

    private static bool Bool(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new InvalidOperationException("expected a boolean"),
    };

    // Parsed from the JSON text so it works whatever CLR type the node was built from.
    private static double Number(JsonNode? node) => double.Parse(NumberText(node), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static long Integer(JsonNode? node) => long.Parse(NumberText(node), NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static string NumberText(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.Number ? node.ToJsonString() : throw new InvalidOperationException("expected a number");
}

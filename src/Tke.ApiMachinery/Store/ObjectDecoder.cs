using System.Text.Json;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Validation;

namespace Tke.ApiMachinery.Store;

/// <summary>
/// Turns a request body into the kind's typed object: checks apiVersion and kind against
/// the URL, applies the unknown-field policy, checks types and declarative constraints
/// against the schema, then deserialises.
/// </summary>
public static class ObjectDecoder
{
    public static ApiObject Decode(KindDefinition kind, JsonNode? body, WriteContext context)
    {
        if (body is not JsonObject obj)
        {
            throw StatusError.BadRequest($"the body of the request must be a JSON or YAML object of kind {kind.Kind}");
        }

        var apiVersion = obj["apiVersion"] is JsonValue av && av.TryGetValue<string>(out var a) ? a : null;
        var kindName = obj["kind"] is JsonValue kv && kv.TryGetValue<string>(out var k) ? k : null;
        if (!string.IsNullOrEmpty(kindName) && kindName != kind.Kind)
        {
            throw StatusError.BadRequest($"the kind in the data ({kindName}) does not match the expected kind ({kind.Kind}) of resource {kind.Plural}.{kind.Group}");
        }

        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != kind.ApiVersion)
        {
            throw StatusError.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({kind.ApiVersion})");
        }

        obj["apiVersion"] = kind.ApiVersion;
        obj["kind"] = kind.Kind;

        var schema = kind.Schema;
        if (schema.AppliesDefaults)
        {
            Schema.SchemaDefaulting.Apply(obj, schema);
        }

        var prune = context.FieldValidation != FieldValidationMode.Strict;
        var result = SchemaValidation.Validate(obj, schema, prune);
        if (result.UnknownFields.Count > 0)
        {
            switch (context.FieldValidation)
            {
                case FieldValidationMode.Strict:
                    throw StatusError.BadRequest(result.StrictDecodingError!);
                case FieldValidationMode.Warn:
                    context.Warnings.AddRange(result.UnknownFieldWarnings);
                    break;
            }
        }

        var name = obj["metadata"]?["name"] is JsonValue n && n.TryGetValue<string>(out var s) ? s : "";
        if (result.Errors.Count > 0)
        {
            throw StatusError.Invalid(kind.Group, kind.Kind, name, result.Errors);
        }

        try
        {
            return (ApiObject?)obj.Deserialize(kind.ObjectType, ApiJson.Options)
                ?? throw StatusError.BadRequest("the body of the request is null");
        }
        catch (JsonException e)
        {
            throw StatusError.BadRequest($"unable to decode {kind.Kind}: {e.Message}");
        }
    }
}

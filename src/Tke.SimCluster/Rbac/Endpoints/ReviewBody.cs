using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Json;

namespace Tke.SimCluster.Rbac.Endpoints;

/// <summary>Reading the body of a create-only review (JSON, YAML or the protobuf kubectl sends).</summary>
public static class ReviewBody
{
    public const string Group = "authorization.k8s.io";
    public const string ApiVersion = Group + "/v1";

    public static async Task<JsonObject> ReadAsync(HttpContext context, string kind)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            throw StatusError.MethodNotSupported(kind.ToLowerInvariant() + "s", context.Request.Method);
        }

        var bytes = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        if (RequestBody.Decode(bytes, MediaTypes.BodyType(context.Request.ContentType)) is not JsonObject body)
        {
            throw StatusError.BadRequest($"the body of the request must be a JSON or YAML object of kind {kind}");
        }

        if (Text(body, "kind") is { Length: > 0 } given && given != kind)
        {
            throw StatusError.BadRequest($"the kind in the data ({given}) does not match the expected kind ({kind}) of resource {kind.ToLowerInvariant()}s.{Group}");
        }

        if (Text(body, "apiVersion") is { Length: > 0 } version && version != ApiVersion)
        {
            throw StatusError.BadRequest($"the API version in the data ({version}) does not match the expected API version ({ApiVersion})");
        }

        return body;
    }

    /// <summary>A string field of an object ("" when absent); any other type is a 400.</summary>
    public static string Text(JsonNode? parent, string field)
    {
        var node = parent?[field];
        if (node is null)
        {
            return "";
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw StatusError.BadRequest($"{field} must be a string");
    }

    /// <summary>An object field, or null when absent; any other type is a 400.</summary>
    public static JsonObject? Object(JsonNode? parent, string field) => parent?[field] switch
    {
        null => null,
        JsonObject obj => obj,
        _ => throw StatusError.BadRequest($"{field} must be an object"),
    };

    /// <summary>The review as the server answers it: its kind, apiVersion, metadata, spec and status.</summary>
    public static byte[] Answer(string kind, JsonObject spec, JsonObject status) => System.Text.Encoding.UTF8.GetBytes(new JsonObject
    {
        ["kind"] = kind,
        ["apiVersion"] = ApiVersion,
        ["metadata"] = new JsonObject { ["creationTimestamp"] = null },
        ["spec"] = spec,
        ["status"] = status,
    }.ToJsonString(ApiJson.Options));
}

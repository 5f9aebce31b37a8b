using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.OpenApi;

namespace Tke.ApiServer.Hosting;

/// <summary>/openapi/v2 (JSON or gnostic protobuf, as client-go asks for it) and /openapi/v3
/// (index and per group-version documents, cacheable by their hash).</summary>
public static class OpenApiEndpoint
{
    public static async Task ServeAsync(HttpContext context, OpenApiDocuments documents)
    {
        var path = context.Request.Path.Value!;
        var accept = context.Request.Headers.Accept.ToString();
        if (path is "/openapi/v2" or "/swagger-2.0.0.pb-v1")
        {
            // client-go asks with the '@' spelling; Go's MIME parser only accepts the '.' one back.
            if (accept.Contains(OpenApiDocuments.ProtobufDeprecatedMediaType, StringComparison.Ordinal)
                || accept.Contains(OpenApiDocuments.ProtobufContentType, StringComparison.Ordinal)
                || path == "/swagger-2.0.0.pb-v1")
            {
                context.Response.ContentType = OpenApiDocuments.ProtobufContentType;
                context.Response.Headers.ETag = "\"" + documents.V2ProtobufHash + "\"";
                await context.Response.Body.WriteAsync(documents.V2Protobuf, context.RequestAborted);
                return;
            }

            context.Response.Headers.ETag = "\"" + documents.V2Hash + "\"";
            await ResponseWriter.WriteJsonBytesAsync(context, documents.V2Json);
            return;
        }

        if (path == "/openapi/v3")
        {
            await ResponseWriter.WriteJsonBytesAsync(context, documents.V3Index);
            return;
        }

        const string v3Prefix = "/openapi/v3/";
        if (path.StartsWith(v3Prefix, StringComparison.Ordinal) && documents.TryGetV3(path[v3Prefix.Length..], out var json, out var hash))
        {
            context.Response.Headers.ETag = "\"" + hash + "\"";
            context.Response.Headers.CacheControl = context.Request.Query.ContainsKey("hash") ? "public, immutable" : "no-cache, private";
            await ResponseWriter.WriteJsonBytesAsync(context, json);
            return;
        }

        throw StatusError.PathNotFound(path);
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Tke.Registry.Distribution;

/// <summary>Writes the spec's error body: <c>{"errors":[{"code":"...","message":"...","detail":...}]}</c>.</summary>
public static class OciErrorResponse
{
    public static async Task WriteAsync(HttpContext context, int status, string code, string message, object? detail = null)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            context.Abort();
            return;
        }

        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        var body = JsonSerializer.SerializeToUtf8Bytes(new ErrorList([new ErrorEntry(code, message, detail)]), ErrorJson.Options);
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private sealed record ErrorList(IReadOnlyList<ErrorEntry> Errors);

    private sealed record ErrorEntry(string Code, string Message, object? Detail);

    private static class ErrorJson
    {
        public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
    }
}

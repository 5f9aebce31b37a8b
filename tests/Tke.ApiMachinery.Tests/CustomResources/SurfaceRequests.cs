using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Requests;

namespace Tke.ApiMachinery.Tests.CustomResources;

/// <summary>Sends requests to an <see cref="ApiSurface"/> in process, as the admin.</summary>
internal sealed class SurfaceRequests(ApiSurface surface)
{
    private static readonly RequestUser Admin = new("admin", [RequestUser.AllTenantsGroup, "system:authenticated"], "");

    public async Task<(int Code, JsonNode? Body, HttpResponse Response)> SendAsync(string method, string path, string? body = null, string contentType = "application/json", string? accept = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        var query = path.IndexOf('?', StringComparison.Ordinal);
        context.Request.Path = query < 0 ? path : path[..query];
        if (query >= 0)
        {
            context.Request.QueryString = new QueryString(path[query..]);
        }

        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        context.Response.Body = new MemoryStream();
        if (body is not null)
        {
            context.Request.ContentType = contentType;
            context.Request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body));
        }

        Assert.True(await surface.TryHandleAsync(context, ApiRequest.Parse(context.Request.Path), Admin));
        context.Response.Body.Position = 0;
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return (context.Response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), context.Response);
    }
}

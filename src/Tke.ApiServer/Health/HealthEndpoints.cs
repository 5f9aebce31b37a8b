using Microsoft.AspNetCore.Http;
using Tke.Storage;

namespace Tke.ApiServer.Health;

/// <summary>/healthz, /livez and /readyz as kube-apiserver answers them ("ok", or per-check
/// lines with ?verbose). Readiness includes a storage read.</summary>
public sealed class HealthEndpoints(IKeyValueStore store)
{
    public bool Ready { get; set; }

    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (path is not ("/healthz" or "/livez" or "/readyz" or "/healthz/ping" or "/livez/ping" or "/readyz/ping"))
        {
            return false;
        }

        var checks = new List<(string Name, bool Ok)> { ("ping", true) };
        if (!path.EndsWith("/ping", StringComparison.Ordinal))
        {
            checks.Add(("storage", await StorageRespondsAsync(context.RequestAborted)));
            if (path == "/readyz")
            {
                checks.Add(("api-ready", Ready));
            }
        }

        var healthy = checks.All(c => c.Ok);
        context.Response.StatusCode = healthy ? 200 : 500;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache, private";
        if (context.Request.Query.ContainsKey("verbose"))
        {
            var lines = checks.Select(c => c.Ok ? $"[+]{c.Name} ok" : $"[-]{c.Name} failed").ToList();
            lines.Add(healthy ? $"{path.TrimStart('/')} check passed" : $"{path.TrimStart('/')} check failed");
            await context.Response.WriteAsync(string.Join('\n', lines) + "\n");
        }
        else
        {
            await context.Response.WriteAsync(healthy ? "ok" : "failed: " + string.Join(",", checks.Where(c => !c.Ok).Select(c => c.Name)));
        }

        return true;
    }

    private async Task<bool> StorageRespondsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.GetAsync("/health", cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }
}

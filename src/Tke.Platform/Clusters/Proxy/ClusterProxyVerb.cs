using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Http;

namespace Tke.Platform.Clusters.Proxy;

/// <summary>What kind of exchange a proxied request is: long-running streams get no timeout, and
/// protocol upgrades (exec, attach, port-forward) are relayed as raw connections.</summary>
public static class ClusterProxyVerb
{
    /// <summary>Watches and followed logs stream for as long as the client keeps them open.</summary>
    public static bool IsLongRunning(HttpRequest request, string targetPath)
    {
        var query = request.Query;
        if (QueryOptions.Flag(query, "watch") || QueryOptions.Flag(query, "follow"))
        {
            return true;
        }

        // The legacy /api/v1/watch/... form.
        var parts = targetPath.Trim('/').Split('/');
        return parts.Length > 2 && ((parts[0] == "api" && parts[2] == "watch") || (parts[0] == "apis" && parts.Length > 3 && parts[3] == "watch"));
    }

    /// <summary>
    /// The protocol an HTTP/1.1 request asks to switch to (websocket, SPDY/3.1), or null when it asks
    /// for none. HTTP/2 has no upgrades; kubectl always uses HTTP/1.1 for them.
    /// </summary>
    public static string? UpgradeOf(HttpContext context)
    {
        var feature = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpUpgradeFeature>();
        var upgrade = context.Request.Headers.Upgrade.ToString();
        return feature?.IsUpgradableRequest == true && upgrade.Length > 0 ? upgrade : null;
    }

    /// <summary>
    /// The verb the cluster authorises a request with. Streaming subresources opened with GET
    /// (WebSocket) still need create, as kube-apiserver requires since 1.31.
    /// </summary>
    public static string For(HttpRequest request, ApiRequest target)
    {
        var verb = ApiSurface.KubernetesVerb(request, target);
        return verb == "get" && target.Resource == "pods" && target.Subresource is "exec" or "attach" or "portforward" ? "create" : verb;
    }
}

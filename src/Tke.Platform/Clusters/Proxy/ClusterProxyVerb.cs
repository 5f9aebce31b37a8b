using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Http;

namespace Tke.Platform.Clusters.Proxy;

/// <summary>What kind of exchange a proxied request is: long-running streams get no timeout and
/// protocol upgrades (exec, attach, port-forward) are not proxied.</summary>
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

    public static bool IsUpgrade(HttpContext context) =>
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpUpgradeFeature>()?.IsUpgradableRequest == true
        || context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpExtendedConnectFeature>()?.IsExtendedConnect == true
        || context.Request.Headers.Upgrade.Count > 0;
}

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Tke.ApiMachinery.Errors;
using Tke.SimCluster.Streaming.Http;
using Tke.SimCluster.Streaming.WebSockets;

namespace Tke.SimCluster.Streaming.Spdy;

/// <summary>The HTTP/1.1 upgrade to SPDY/3.1 that client-go's SPDY round tripper asks for:
/// 101 Switching Protocols with Upgrade: SPDY/3.1 and the negotiated stream protocol.</summary>
public static class SpdyUpgrade
{
    public const string Protocol = "SPDY/3.1";

    public static bool IsSpdyRequest(HttpRequest request) => WebSocketHandshake.HeaderHasToken(request.Headers.Upgrade, Protocol);

    /// <summary>Answers 101 and returns the raw connection, which then carries SPDY frames.</summary>
    public static async Task<Stream> AcceptAsync(HttpContext context, string streamProtocol)
    {
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is null || !upgrade.IsUpgradableRequest)
        {
            throw StatusError.BadRequest("Upgrade request required");
        }

        context.Response.Headers.Connection = "Upgrade";
        context.Response.Headers.Upgrade = Protocol;
        context.Response.Headers[StreamProtocolNegotiation.VersionHeader] = streamProtocol;
        return await upgrade.UpgradeAsync();
    }
}

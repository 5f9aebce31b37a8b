using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Tke.ApiMachinery.Errors;

namespace Tke.SimCluster.Streaming.WebSockets;

/// <summary>
/// The server side of the RFC 6455 opening handshake on top of Kestrel's HTTP/1.1 upgrade, so the
/// streaming endpoints need no WebSocket middleware in the server's pipeline.
/// </summary>
public static class WebSocketHandshake
{
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    public static bool IsWebSocketRequest(HttpRequest request) =>
        HeaderHasToken(request.Headers.Upgrade, "websocket");

    /// <summary>The subprotocols the client offers, in its order of preference.</summary>
    public static IReadOnlyList<string> OfferedProtocols(HttpRequest request) =>
        request.Headers.SecWebSocketProtocol
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();

    /// <summary>The API server's 400 for a client that offers none of the subprotocols an endpoint speaks.</summary>
    public static StatusError UnsupportedProtocols(IReadOnlyList<string> offered, IEnumerable<string> supported) =>
        StatusError.BadRequest($"unable to upgrade: requested protocol(s) are not supported: [{string.Join(" ", offered)}]; supports [{string.Join(" ", supported)}]");

    /// <summary>Answers 101 with the chosen subprotocol (none when null) and returns the server's end.</summary>
    public static async Task<WebSocket> AcceptAsync(HttpContext context, string? subProtocol)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method))
        {
            throw StatusError.BadRequest("a WebSocket upgrade must use GET");
        }

        if (request.Headers.SecWebSocketVersion.ToString() != "13")
        {
            context.Response.Headers.SecWebSocketVersion = "13";
            throw StatusError.BadRequest("unsupported WebSocket version: only version 13 is supported");
        }

        var key = request.Headers.SecWebSocketKey.ToString();
        if (!IsValidKey(key))
        {
            throw StatusError.BadRequest("the WebSocket upgrade has no valid Sec-WebSocket-Key");
        }

        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is null || !upgrade.IsUpgradableRequest)
        {
            throw StatusError.BadRequest("Upgrade request required");
        }

        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers.Connection = "Upgrade";
        context.Response.Headers.SecWebSocketAccept = AcceptValue(key);
        if (subProtocol is not null)
        {
            context.Response.Headers.SecWebSocketProtocol = subProtocol;
        }

        var stream = await upgrade.UpgradeAsync();

        // The subprotocol was agreed in the headers above; it is not handed to .NET, whose token
        // check refuses names with '/' such as SPDY/3.1+portforward.k8s.io.
        return WebSocket.CreateFromStream(stream, new WebSocketCreationOptions
        {
            IsServer = true,
            KeepAliveInterval = TimeSpan.FromSeconds(30),
        });
    }

    /// <summary>Sec-WebSocket-Accept: base64(SHA-1(key + the RFC's GUID)).</summary>
    public static string AcceptValue(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));

    private static bool IsValidKey(string key)
    {
        Span<byte> decoded = stackalloc byte[24];
        return Convert.TryFromBase64String(key, decoded, out var length) && length == 16;
    }

    internal static bool HeaderHasToken(Microsoft.Extensions.Primitives.StringValues values, string token) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries))
            .Any(t => string.Equals(t, token, StringComparison.OrdinalIgnoreCase));
}

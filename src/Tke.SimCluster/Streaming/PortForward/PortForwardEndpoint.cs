using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Errors;
using Tke.SimCluster.Core;
using Tke.SimCluster.Streaming.Http;
using Tke.SimCluster.Streaming.Pods;
using Tke.SimCluster.Streaming.Spdy;
using Tke.SimCluster.Streaming.WebSockets;

namespace Tke.SimCluster.Streaming.PortForward;

/// <summary>
/// pods/portforward: SPDY/3.1 with the portforward.k8s.io protocol, either tunnelled in binary
/// WebSocket messages (subprotocol SPDY/3.1+portforward.k8s.io, what kubectl tries first) or as a
/// plain SPDY upgrade (its fallback). A connection lasts until the client hangs up or the pod is
/// deleted.
/// </summary>
public sealed class PortForwardEndpoint(PodPresence pods, CancellationToken stopping, ILogger logger)
{
    public const string StreamProtocol = "portforward.k8s.io";
    public const string TunnelProtocol = "SPDY/3.1+" + StreamProtocol;

    public async Task HandleAsync(HttpContext context, string ns, string name)
    {
        ValidatePorts(context.Request.Query);
        var pod = await pods.RequireAsync(ns, name, context.RequestAborted);
        PodHost.Require(pod);

        if (pod.Status?.Phase != "Running")
        {
            throw StatusError.BadRequest($"unable to upgrade connection: pod not found (\"{name}_{ns}\")");
        }

        Stream transport;
        string carrier;
        if (WebSocketHandshake.IsWebSocketRequest(context.Request))
        {
            var offered = WebSocketHandshake.OfferedProtocols(context.Request);
            if (!offered.Contains(TunnelProtocol))
            {
                throw WebSocketHandshake.UnsupportedProtocols(offered, [TunnelProtocol]);
            }

            transport = new WebSocketByteStream(await WebSocketHandshake.AcceptAsync(context, TunnelProtocol));
            carrier = "SPDY tunnelled in WebSocket";
        }
        else if (SpdyUpgrade.IsSpdyRequest(context.Request))
        {
            transport = await SpdyUpgrade.AcceptAsync(context, StreamProtocolNegotiation.Negotiate(context, [StreamProtocol], StreamProtocol));
            carrier = "SPDY";
        }
        else
        {
            throw StatusError.BadRequest("Upgrade request required");
        }

        logger.LogInformation("port-forward to pod {Namespace}/{Pod} over {Carrier}", ns, name, carrier);
        await ServeAsync(new SpdyConnection(transport), pod);
    }

    private async Task ServeAsync(SpdyConnection connection, Pod pod)
    {
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var running = connection.RunAsync(ending.Token);
        var serving = new PortForwardServer(connection, pod, logger).ServeAsync(ending.Token);
        var podGone = WaitUntilGoneAsync(pod, ending.Token);
        await Task.WhenAny(running, podGone);
        if (!running.IsCompleted)
        {
            // The pod went (or the server stops): no more connections to it, as a real node would refuse them.
            await connection.GoAwayAsync(CancellationToken.None);
        }

        await ending.CancelAsync();
        await connection.DisposeAsync();
        await running;
        await serving;
        await podGone;
    }

    private async Task WaitUntilGoneAsync(Pod pod, CancellationToken cancellationToken)
    {
        try
        {
            await pods.WaitUntilGoneAsync(pod, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The optional ports query (used by WebSocket clients of old) must name valid ports.</summary>
    private static void ValidatePorts(IQueryCollection query)
    {
        foreach (var value in query["ports"].SelectMany(v => (v ?? "").Split(',')))
        {
            if (!ushort.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port == 0)
            {
                throw StatusError.BadRequest($"unable to parse \"{value}\" as a port: must be between 1 and 65535");
            }
        }
    }
}

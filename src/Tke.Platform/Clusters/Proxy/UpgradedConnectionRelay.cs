using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Tke.Platform.Clusters.Proxy;

/// <summary>
/// Joins a caller's upgraded connection to the cluster's once the cluster has answered 101: the
/// caller gets the cluster's switch (its Upgrade, Sec-WebSocket-Accept, Sec-WebSocket-Protocol and
/// X-Stream-Protocol-Version headers), then bytes flow both ways untouched until either side closes.
/// The platform never parses the stream, so WebSocket and SPDY framing pass alike.
/// </summary>
public static class UpgradedConnectionRelay
{
    private const int BufferSize = 16 * 1024;

    public static async Task RelayAsync(HttpContext context, string protocol, HttpResponseMessage switched, CancellationToken aborted)
    {
        var upgrade = context.Features.Get<IHttpUpgradeFeature>()
            ?? throw new InvalidOperationException("an upgrade was forwarded for a connection that cannot be upgraded");
        ClusterRequestForwarder.CopyResponseHead(switched, context.Response);
        context.Response.Headers.Upgrade = switched.Headers.Upgrade.Count > 0 ? switched.Headers.Upgrade.ToString() : protocol;

        await using var cluster = await switched.Content.ReadAsStreamAsync(aborted);
        await using var caller = await upgrade.UpgradeAsync();
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var toCluster = PumpAsync(caller, cluster, closing.Token);
        var toCaller = PumpAsync(cluster, caller, closing.Token);

        // Either side hanging up ends the exchange: a half-open raw stream cannot be signalled
        // through Kestrel or the cluster's connection, and both protocols end with a close anyway.
        await Task.WhenAny(toCluster, toCaller);
        await closing.CancelAsync();
        await Task.WhenAll(Quietly(toCluster), Quietly(toCaller));
    }

    private static async Task PumpAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            await to.FlushAsync(cancellationToken);
        }
    }

    private static async Task Quietly(Task pump)
    {
        try
        {
            await pump;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException)
        {
            // A connection reset or the other side's close ends the relay; there is nobody left to tell.
        }
    }
}

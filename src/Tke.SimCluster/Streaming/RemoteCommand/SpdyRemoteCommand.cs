using Microsoft.AspNetCore.Http;
using Tke.SimCluster.Streaming.Spdy;

namespace Tke.SimCluster.Streaming.RemoteCommand;

/// <summary>
/// Exec or attach over SPDY (remotecommand protocols v1 to v4), as older clients and kubectl
/// with KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false use it: after the upgrade the client opens one
/// stream per standard stream it asked for, each named by its streamtype header, plus "error"
/// (and "resize" with a terminal, from v3). The command starts once they are all there.
/// </summary>
public sealed class SpdyRemoteCommand : RemoteCommandConnection
{
    public static readonly IReadOnlyList<string> Protocols = ["v4.channel.k8s.io", "v3.channel.k8s.io", "v2.channel.k8s.io", "channel.k8s.io"];

    private static readonly TimeSpan StreamCreationTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ClientCloseWait = TimeSpan.FromSeconds(5);

    private readonly SpdyConnection _connection;
    private readonly Task _running;
    private readonly string _protocol;
    private readonly Dictionary<string, SpdyStream> _streams;
    private readonly CancellationTokenSource _gone;

    private SpdyRemoteCommand(SpdyConnection connection, Task running, string protocol, Dictionary<string, SpdyStream> streams, CancellationTokenSource gone)
    {
        _connection = connection;
        _running = running;
        _protocol = protocol;
        _streams = streams;
        _gone = gone;
    }

    public override Stream? Stdin => _streams.GetValueOrDefault("stdin")?.Input;

    public override Stream? Stdout => _streams.GetValueOrDefault("stdout")?.Output;

    public override Stream? Stderr => _streams.GetValueOrDefault("stderr")?.Output;

    public override string Protocol => "SPDY/3.1 " + _protocol;

    public override CancellationToken ClientGone => _gone.Token;

    /// <summary>Upgrades and waits for the client's streams; null (connection closed) when they
    /// do not all come in time.</summary>
    public static async Task<SpdyRemoteCommand?> AcceptAsync(HttpContext context, string protocol, RemoteCommandOptions options, CancellationToken cancellationToken)
    {
        var transport = await SpdyUpgrade.AcceptAsync(context, protocol);
        var connection = new SpdyConnection(transport);
        var gone = new CancellationTokenSource();
        var running = RunAsync(connection, gone, cancellationToken);
        var expected = new HashSet<string> { "error" };
        if (options.Stdin)
        {
            expected.Add("stdin");
        }

        if (options.Stdout)
        {
            expected.Add("stdout");
        }

        if (options.Stderr)
        {
            expected.Add("stderr");
        }

        if (options.Tty && protocol is "v4.channel.k8s.io" or "v3.channel.k8s.io")
        {
            expected.Add("resize");
        }

        var streams = new Dictionary<string, SpdyStream>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StreamCreationTimeout);
        try
        {
            while (streams.Count < expected.Count)
            {
                var stream = await connection.AcceptedStreams.ReadAsync(timeout.Token);
                var type = stream.Headers.Get("streamtype") ?? "";
                if (!expected.Contains(type) || !streams.TryAdd(type, stream))
                {
                    await stream.ResetAsync(SpdyResetStatus.ProtocolError, cancellationToken);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
            await connection.DisposeAsync();
            await running;
            return null;
        }

        if (streams.TryGetValue("resize", out var resize))
        {
            // Terminal sizes are JSON objects the simulated terminal has no use for; drain them.
            _ = resize.Input.CopyToAsync(Stream.Null, CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        return new SpdyRemoteCommand(connection, running, protocol, streams, gone);
    }

    public override async Task FinishAsync(RemoteCommandOutcome outcome, CancellationToken cancellationToken)
    {
        try
        {
            var error = _streams["error"];
            var report = outcome.Encode(asStatus: _protocol == "v4.channel.k8s.io");
            if (report.Length > 0)
            {
                await error.WriteAsync(report, cancellationToken);
            }

            foreach (var stream in _streams.Values)
            {
                await stream.CloseWriteAsync(cancellationToken);
            }

            // The client hangs up once it has read the error stream to its end.
            await _running.WaitAsync(ClientCloseWait, cancellationToken);
        }
        catch (Exception e) when (e is IOException or TimeoutException or ObjectDisposedException)
        {
            // A client that left early, or one that keeps the connection open: it is closed below.
        }
    }

    private static async Task RunAsync(SpdyConnection connection, CancellationTokenSource gone, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await connection.RunAsync(cancellationToken);
        }
        finally
        {
            await gone.CancelAsync();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _connection.GoAwayAsync(CancellationToken.None);
        await _connection.DisposeAsync();
        await _running;
    }
}

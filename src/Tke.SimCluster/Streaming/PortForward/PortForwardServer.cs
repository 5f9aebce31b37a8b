using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Tke.SimCluster.Core;
using Tke.SimCluster.Streaming.Spdy;

namespace Tke.SimCluster.Streaming.PortForward;

/// <summary>
/// The port-forward protocol (portforward.k8s.io) on a SPDY connection: for every local
/// connection the client opens an error stream and a data stream with the same requestID and
/// port headers. A port some container of the pod declares is answered by a
/// <see cref="SimulatedHttpResponder"/>; any other port gets the kubelet's "connection refused"
/// on the error stream. Both streams are closed when the connection's work is done.
/// </summary>
public sealed class PortForwardServer(SpdyConnection connection, Pod pod, ILogger logger)
{
    private static readonly TimeSpan PairTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, StreamPair> _pairs = new();
    private readonly List<Task> _forwards = [];

    /// <summary>Serves streams until the client stops opening them (the connection ends).</summary>
    public async Task ServeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var stream in connection.AcceptedStreams.ReadAllAsync(cancellationToken))
            {
                await AcceptAsync(stream, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        Task[] running;
        lock (_forwards)
        {
            running = _forwards.ToArray();
        }

        await Task.WhenAll(running).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task AcceptAsync(SpdyStream stream, CancellationToken cancellationToken)
    {
        var type = stream.Headers.Get("streamtype");
        if (type is not ("error" or "data"))
        {
            await stream.ResetAsync(SpdyResetStatus.ProtocolError, cancellationToken);
            return;
        }

        // Clients older than requestID pair a data stream with the error stream opened just before it.
        var requestId = stream.Headers.Get("requestid")
            ?? (type == "error" ? stream.Id : stream.Id - 2).ToString(CultureInfo.InvariantCulture);
        var pair = _pairs.GetOrAdd(requestId, id => new StreamPair(id));
        if (!pair.Add(type, stream))
        {
            await stream.ResetAsync(SpdyResetStatus.ProtocolError, cancellationToken);
            return;
        }

        if (pair.IsComplete)
        {
            _pairs.TryRemove(requestId, out _);
            Track(ForwardAsync(pair.Error!, pair.Data!, cancellationToken));
        }
        else if (pair.Started())
        {
            Track(ExpireAsync(pair, cancellationToken));
        }
    }

    private void Track(Task task)
    {
        lock (_forwards)
        {
            _forwards.RemoveAll(t => t.IsCompleted);
            _forwards.Add(task);
        }
    }

    private async Task ForwardAsync(SpdyStream error, SpdyStream data, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            var portText = data.Headers.Get("port") ?? "";
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                await error.WriteAsync(Encoding.UTF8.GetBytes($"invalid port header \"{portText}\": must be a port number between 1 and 65535"), cancellationToken);
                return;
            }

            var listener = pod.Spec.Containers.FirstOrDefault(c => (c.Ports ?? []).Any(p => p.Port == port && (p.Protocol ?? "TCP") == "TCP"));
            if (listener is null)
            {
                await error.WriteAsync(Encoding.UTF8.GetBytes(Refused(port)), cancellationToken);
                return;
            }

            var responder = new SimulatedHttpResponder(pod.Metadata.Namespace ?? "", pod.Metadata.Name ?? "", listener.Name, port);
            await responder.ServeAsync(data.Input, data.Output, cancellationToken);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The client reset the streams or the connection ended.
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "port-forward to pod {Namespace}/{Pod} failed", pod.Metadata.Namespace, pod.Metadata.Name);
        }
        finally
        {
            await CloseQuietlyAsync(data);
            await CloseQuietlyAsync(error);
        }
    }

    /// <summary>The kubelet's words for a port nothing listens on, saying which ports do answer.</summary>
    public string Refused(int port)
    {
        var declared = pod.Spec.Containers.SelectMany(c => c.Ports ?? []).Where(p => (p.Protocol ?? "TCP") == "TCP").Select(p => p.Port).Distinct().ToList();
        var fullName = $"{pod.Metadata.Name}_{pod.Metadata.Namespace}";
        return $"error forwarding port {port} to pod {fullName}, uid {pod.Metadata.Uid}: failed to connect to localhost:{port} inside namespace \"{fullName}\", "
            + $"IPv4: dial tcp4 127.0.0.1:{port}: connect: connection refused IPv6 dial tcp6 [::1]:{port}: connect: connection refused "
            + (declared.Count == 0
                ? "(the simulated pod declares no container ports, and only declared ports answer)"
                : $"(the simulated pod answers only on the container ports it declares: {string.Join(", ", declared)})");
    }

    private async Task ExpireAsync(StreamPair pair, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(PairTimeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (_pairs.TryRemove(new KeyValuePair<string, StreamPair>(pair.RequestId, pair)) && !pair.IsComplete)
        {
            foreach (var stream in new[] { pair.Error, pair.Data }.OfType<SpdyStream>())
            {
                await stream.ResetAsync(SpdyResetStatus.Cancel, CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private static async Task CloseQuietlyAsync(SpdyStream stream)
    {
        try
        {
            await stream.CloseWriteAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }

    /// <summary>The error and data streams of one forwarded connection, as they arrive.</summary>
    private sealed class StreamPair(string requestId)
    {
        private readonly Lock _lock = new();
        private int _started;

        public string RequestId => requestId;

        public SpdyStream? Error { get; private set; }

        public SpdyStream? Data { get; private set; }

        public bool IsComplete => Error is not null && Data is not null;

        public bool Add(string type, SpdyStream stream)
        {
            lock (_lock)
            {
                if (type == "error" && Error is null)
                {
                    Error = stream;
                    return true;
                }

                if (type == "data" && Data is null)
                {
                    Data = stream;
                    return true;
                }

                return false;
            }
        }

        /// <summary>True the first time only: the timer for the partner stream starts once.</summary>
        public bool Started() => Interlocked.Exchange(ref _started, 1) == 0;
    }
}

using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Tke.SimCluster.Streaming.Spdy;

/// <summary>
/// The server side of a SPDY/3 connection as Kubernetes' streaming protocols use it: the client
/// opens every stream, the server answers each SYN_STREAM with a SYN_REPLY at once and hands the
/// stream to <see cref="AcceptedStreams"/>. Client pings are echoed. Flow control is not enforced
/// in either direction, like the spdystream library the clients use.
/// </summary>
public sealed class SpdyConnection : IAsyncDisposable
{
    private readonly Stream _transport;
    private readonly SpdyFrameReader _reader;
    private readonly SpdyFrameWriter _writer = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<uint, SpdyStream> _streams = new();
    private readonly Channel<SpdyStream> _accepted = Channel.CreateUnbounded<SpdyStream>();
    private uint _lastStreamId;
    private volatile bool _goingAway;

    public SpdyConnection(Stream transport)
    {
        _transport = transport;
        _reader = new SpdyFrameReader(transport);
    }

    /// <summary>Streams the client opened, in order; completes when the connection ends.</summary>
    public ChannelReader<SpdyStream> AcceptedStreams => _accepted.Reader;

    /// <summary>Reads frames until the client closes the connection or breaks the protocol,
    /// then ends every stream.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _reader.ReadAsync(cancellationToken) is { } frame)
            {
                await HandleAsync(frame, cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or System.Net.WebSockets.WebSocketException)
        {
            if (e is SpdyProtocolException)
            {
                await TrySendAsync(new SpdyGoAwayFrame(_lastStreamId, 1));
            }
        }
        finally
        {
            _accepted.Writer.TryComplete();
            foreach (var stream in _streams.Values)
            {
                await stream.EndAsync();
            }
        }
    }

    /// <summary>Tells the client no more streams are accepted (GOAWAY with status OK).</summary>
    public async Task GoAwayAsync(CancellationToken cancellationToken)
    {
        if (_goingAway)
        {
            return;
        }

        _goingAway = true;
        await TrySendAsync(new SpdyGoAwayFrame(_lastStreamId, 0), cancellationToken);
    }

    internal async Task SendAsync(SpdyFrame frame, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            // Encoding inside the lock keeps the header compressor's stream in sending order.
            var bytes = _writer.Encode(frame);
            await _transport.WriteAsync(bytes, cancellationToken);
            await _transport.FlushAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task HandleAsync(SpdyFrame frame, CancellationToken cancellationToken)
    {
        switch (frame)
        {
            case SpdySynStreamFrame syn:
                await OpenAsync(syn, cancellationToken);
                break;
            case SpdyDataFrame data:
                if (_streams.TryGetValue(data.StreamId, out var target))
                {
                    await target.ReceiveAsync(data.Data, data.Fin);
                }
                else
                {
                    await SendAsync(new SpdyRstStreamFrame(data.StreamId, SpdyResetStatus.InvalidStream), cancellationToken);
                }

                break;
            case SpdyHeadersFrame { Fin: true } headers when _streams.TryGetValue(headers.StreamId, out var finished):
                await finished.ReceiveAsync(ReadOnlyMemory<byte>.Empty, fin: true);
                break;
            case SpdyRstStreamFrame reset:
                if (_streams.TryRemove(reset.StreamId, out var resetStream))
                {
                    await resetStream.ReceiveResetAsync();
                }

                break;
            case SpdyPingFrame ping when (ping.Id & 1) == 1:
                await SendAsync(ping, cancellationToken);
                break;
        }

        // SETTINGS, WINDOW_UPDATE, GOAWAY, other HEADERS and unknown control frames need nothing:
        // the header blocks among them were already inflated, which keeps the zlib stream in step.
    }

    private async Task OpenAsync(SpdySynStreamFrame syn, CancellationToken cancellationToken)
    {
        if (syn.StreamId == 0 || (syn.StreamId & 1) == 0 || syn.StreamId <= _lastStreamId)
        {
            await SendAsync(new SpdyRstStreamFrame(syn.StreamId, SpdyResetStatus.ProtocolError), cancellationToken);
            return;
        }

        _lastStreamId = syn.StreamId;
        if (_goingAway)
        {
            await SendAsync(new SpdyRstStreamFrame(syn.StreamId, SpdyResetStatus.RefusedStream), cancellationToken);
            return;
        }

        var stream = new SpdyStream(this, syn.StreamId, syn.Headers);
        _streams[syn.StreamId] = stream;
        await SendAsync(new SpdySynReplyFrame(syn.StreamId, false, SpdyHeaders.Empty), cancellationToken);
        if (syn.Fin)
        {
            await stream.ReceiveAsync(ReadOnlyMemory<byte>.Empty, fin: true);
        }

        await _accepted.Writer.WriteAsync(stream, cancellationToken);
    }

    private async Task TrySendAsync(SpdyFrame frame, CancellationToken cancellationToken = default)
    {
        try
        {
            await SendAsync(frame, cancellationToken);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or System.Net.WebSockets.WebSocketException)
        {
            // The connection is gone already; nothing to tell the client.
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The write lock is not disposed: stream writers racing the end get an IOException from the transport instead.
        await _transport.DisposeAsync();
    }
}

using System.IO.Pipelines;

namespace Tke.SimCluster.Streaming.Spdy;

/// <summary>
/// One client-opened stream of a <see cref="SpdyConnection"/>: the client's data arrives in
/// <see cref="Input"/> (ending at its FIN), and <see cref="Output"/> sends data frames back.
/// </summary>
public sealed class SpdyStream
{
    private const int MaxDataFrame = 32 * 1024;

    private readonly SpdyConnection _connection;

    // SPDY has no backpressure that the Go peers use (they ignore WINDOW_UPDATE), so the pipe
    // never pauses the connection's reader: a stalled stream must not stall the others.
    private readonly Pipe _input = new(new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false));
    private int _localClosed;
    private volatile bool _reset;
    private bool _remoteClosed;

    internal SpdyStream(SpdyConnection connection, uint id, SpdyHeaders headers)
    {
        _connection = connection;
        Id = id;
        Headers = headers;
        Input = _input.Reader.AsStream();
        Output = new ChannelOutputStream(WriteAsync);
    }

    public uint Id { get; }

    public SpdyHeaders Headers { get; }

    /// <summary>What the client sends; reads return 0 after its FIN and throw after a reset.</summary>
    public Stream Input { get; }

    /// <summary>Writes go out as data frames; disposing it does not close the stream.</summary>
    public Stream Output { get; }

    public bool IsReset => _reset;

    public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            if (_reset)
            {
                throw new IOException($"SPDY stream {Id} was reset by the client");
            }

            if (Volatile.Read(ref _localClosed) != 0)
            {
                throw new IOException($"SPDY stream {Id} is closed for writing");
            }

            var chunk = data[..Math.Min(data.Length, MaxDataFrame)];
            await _connection.SendAsync(new SpdyDataFrame(Id, false, chunk), cancellationToken);
            data = data[chunk.Length..];
        }
    }

    /// <summary>Sends FIN: this side has nothing more to say. Only the first call sends.</summary>
    public async Task CloseWriteAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _localClosed, 1) == 0 && !_reset)
        {
            await _connection.SendAsync(new SpdyDataFrame(Id, true, ReadOnlyMemory<byte>.Empty), cancellationToken);
        }
    }

    public async Task ResetAsync(SpdyResetStatus status, CancellationToken cancellationToken)
    {
        if (_reset)
        {
            return;
        }

        _reset = true;
        Interlocked.Exchange(ref _localClosed, 1);
        await _input.Writer.CompleteAsync();
        await _connection.SendAsync(new SpdyRstStreamFrame(Id, status), cancellationToken);
    }

    internal async ValueTask ReceiveAsync(ReadOnlyMemory<byte> data, bool fin)
    {
        if (_reset || _remoteClosed)
        {
            return; // data after FIN or a reset is dropped, as spdystream does
        }

        if (!data.IsEmpty)
        {
            await _input.Writer.WriteAsync(data);
        }

        if (fin)
        {
            _remoteClosed = true;
            await _input.Writer.CompleteAsync();
        }
    }

    internal async ValueTask ReceiveResetAsync()
    {
        _reset = true;
        await _input.Writer.CompleteAsync(new IOException($"SPDY stream {Id} was reset by the client"));
    }

    /// <summary>The connection ended: readers see the end of the stream.</summary>
    internal async ValueTask EndAsync()
    {
        _reset = true;
        await _input.Writer.CompleteAsync();
    }
}

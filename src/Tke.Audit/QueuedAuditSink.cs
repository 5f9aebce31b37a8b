using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Tke.Audit;

/// <summary>Options of <see cref="QueuedAuditSink"/>.</summary>
public sealed record AuditQueueOptions
{
    /// <summary>Records held in memory waiting for the writer; beyond this new records are dropped and counted.</summary>
    public int Capacity { get; init; } = 10_000;

    /// <summary>The most records written in one transaction.</summary>
    public int MaxBatchSize { get; init; } = 500;
}

/// <summary>
/// A bounded in-memory queue drained by one background writer in batches. <see cref="Record"/> never
/// waits: when the queue is full the record is dropped and <see cref="Dropped"/> counts it, because
/// a slow disk must not stall the API.
/// </summary>
public sealed class QueuedAuditSink : IAuditSink, IAsyncDisposable
{
    private readonly Channel<AuditRecord> _queue;
    private readonly IAuditBatchWriter _writer;
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private readonly Task _drain;
    private long _accepted;
    private long _finished;
    private long _dropped;
    private long _written;
    private long _failed;

    public QueuedAuditSink(IAuditBatchWriter writer, AuditQueueOptions? options = null, ILogger<QueuedAuditSink>? logger = null)
    {
        options ??= new AuditQueueOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1);
        _writer = writer;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _maxBatch = options.MaxBatchSize;

        // Wait mode makes TryWrite fail instead of silently evicting, so every drop is counted.
        _queue = Channel.CreateBounded<AuditRecord>(new BoundedChannelOptions(options.Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
        _drain = Task.Run(DrainAsync);
    }

    /// <summary>Records dropped because the queue was full (or the sink was closed).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Records committed to storage.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Records lost because storage failed to write their batch.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Records waiting to be written.</summary>
    public int Pending => _queue.Reader.Count;

    public void Record(AuditRecord record)
    {
        if (_queue.Writer.TryWrite(record))
        {
            Interlocked.Increment(ref _accepted);
        }
        else
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Waits until every record accepted before the call has been written (or has failed).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var target = Interlocked.Read(ref _accepted);
        while (Interlocked.Read(ref _finished) < target && !_drain.IsCompleted)
        {
            await Task.Delay(5, cancellationToken);
        }
    }

    /// <summary>Stops accepting records and writes what is queued.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _drain;
    }

    private async Task DrainAsync()
    {
        var batch = new List<AuditRecord>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var record))
            {
                batch.Add(record);
            }

            try
            {
                _writer.WriteBatch(batch);
                Interlocked.Add(ref _written, batch.Count);
            }
            catch (Exception e)
            {
                // A failing disk loses this batch but must not end the loop: later batches may succeed.
                Interlocked.Add(ref _failed, batch.Count);
                _logger.LogError(e, "Writing {Count} audit records failed", batch.Count);
            }

            Interlocked.Add(ref _finished, batch.Count);
            batch.Clear();
        }
    }
}

using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Tke.Registry.Distribution;

/// <summary>One repository event waiting for delivery.</summary>
public sealed record RepositoryEvent(RepositoryEventKind Kind, string Tenant, string Repository, string? Tag, string Digest, long Size);

public enum RepositoryEventKind
{
    Pushed,
    Pulled,
    Deleted,
}

/// <summary>
/// Delivers repository events to an <see cref="IRepositoryEvents"/> from a bounded queue on one
/// background task. Publishing never waits: when the queue is full the event is dropped (and
/// counted), because request latency matters more than an exact pull count.
/// </summary>
public sealed class RepositoryEventQueue : IAsyncDisposable
{
    private readonly Channel<RepositoryEvent> _queue;
    private readonly IRepositoryEvents _handler;
    private readonly ILogger? _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _delivery;
    private long _dropped;
    private const int MaxBatch = 1000;
    private static readonly TimeSpan CoalescingDelay = TimeSpan.FromMilliseconds(200);

    public RepositoryEventQueue(IRepositoryEvents handler, int capacity = 10_000, ILogger? log = null)
    {
        _handler = handler;
        _log = log;
        _queue = Channel.CreateBounded<RepositoryEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        }, _ => Interlocked.Increment(ref _dropped));
        _delivery = Task.Run(DeliverAsync);
    }

    /// <summary>Events dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Publish(RepositoryEvent @event) => _queue.Writer.TryWrite(@event);

    private async Task DeliverAsync()
    {
        var batch = new List<RepositoryEvent>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            // A short pause lets a burst gather; then everything queued goes as one batch, so a
            // burst of pushes to one repository becomes one write of its status, not one per event.
            await Task.Delay(CoalescingDelay).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var e))
            {
                batch.Add(e);
            }

            try
            {
                await _handler.ApplyAsync(batch, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _log?.LogWarning(ex, "{Count} repository events failed, first {Kind} for {Tenant}/{Repository}", batch.Count, batch[0].Kind, batch[0].Tenant, batch[0].Repository);
            }
        }
    }

    /// <summary>Delivers what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _delivery.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _stop.CancelAsync();
        _stop.Dispose();
    }
}

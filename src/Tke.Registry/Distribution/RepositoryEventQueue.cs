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
        await foreach (var e in _queue.Reader.ReadAllAsync())
        {
            try
            {
                var task = e.Kind switch
                {
                    RepositoryEventKind.Pushed => _handler.OnPushedAsync(e.Tenant, e.Repository, e.Tag, e.Digest, e.Size, _stop.Token),
                    RepositoryEventKind.Pulled => _handler.OnPulledAsync(e.Tenant, e.Repository, e.Tag, e.Digest, _stop.Token),
                    _ => _handler.OnDeletedAsync(e.Tenant, e.Repository, e.Tag, e.Digest, _stop.Token),
                };
                await task;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _log?.LogWarning(ex, "repository event {Kind} for {Tenant}/{Repository} failed", e.Kind, e.Tenant, e.Repository);
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

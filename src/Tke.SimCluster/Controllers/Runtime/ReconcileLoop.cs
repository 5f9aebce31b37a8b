using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Store;

namespace Tke.SimCluster.Controllers.Runtime;

/// <summary>
/// A level-triggered controller loop: watch sources turn changes into keys on a work queue, and
/// workers call the reconcile function for each key, which reads the current state and moves it
/// one step towards the desired state. A failed round is retried with backoff; each source is
/// relisted periodically so that nothing missed stays missed.
/// </summary>
public sealed class ReconcileLoop
{
    private readonly string _name;
    private readonly Func<string, CancellationToken, Task<ReconcileResult>> _reconcile;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly List<WatchSource> _sources = [];
    private readonly TimeSpan _resync;

    public ReconcileLoop(string name, Func<string, CancellationToken, Task<ReconcileResult>> reconcile, ILogger logger, TimeProvider clock, TimeSpan? resync = null)
    {
        _name = name;
        _reconcile = reconcile;
        _logger = logger;
        _clock = clock;
        _resync = resync ?? TimeSpan.FromSeconds(30);
        Queue = new WorkQueue(clock);
    }

    public WorkQueue Queue { get; }

    /// <summary>Feeds the queue from a store: every listed object and every change is mapped to keys.</summary>
    public ReconcileLoop Watch(ResourceStore store, Func<ResourceEvent, IEnumerable<string>> keysOf)
    {
        _sources.Add(new WatchSource(store, keysOf));
        return this;
    }

    public Task RunAsync(int workers, CancellationToken stopping)
    {
        var tasks = _sources.Select(s => FeedAsync(s, stopping)).ToList();
        for (var i = 0; i < workers; i++)
        {
            tasks.Add(WorkAsync(stopping));
        }

        return Task.WhenAll(tasks);
    }

    private async Task WorkAsync(CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                var key = await Queue.TakeAsync(stopping);
                try
                {
                    var result = await _reconcile(key, stopping);
                    Queue.Forget(key);
                    if (result.RequeueAfter is { } delay)
                    {
                        Queue.AddAfter(key, delay, stopping);
                    }
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    var delay = Queue.AddWithBackoff(key, stopping);
                    _logger.LogDebug(e, "{Controller}: reconciling {Key} failed; retrying in {Delay}", _name, key, delay);
                }
                finally
                {
                    Queue.Done(key);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task FeedAsync(WatchSource source, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var revision = await ListIntoQueueAsync(source, stopping);
                using var resync = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                resync.CancelAfter(_resync);
                try
                {
                    await foreach (var e in source.Store.WatchAsync(null, new ListQuery(), revision, new WatchProgress(), resync.Token))
                    {
                        foreach (var key in source.KeysOf(e))
                        {
                            Queue.Add(key);
                        }
                    }
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    // Resync period over: relist and watch again.
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Compacted away or fell behind: relist after a pause.
                _logger.LogWarning(e, "{Controller}: watch on {Resource} restarted", _name, source.Store.Kind.Plural);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _clock, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<long> ListIntoQueueAsync(WatchSource source, CancellationToken stopping)
    {
        var page = await source.Store.ListAsync(null, new ListQuery(), stopping);
        foreach (var item in page.Items)
        {
            foreach (var key in source.KeysOf(new ResourceEvent(ResourceEventType.Added, item)))
            {
                Queue.Add(key);
            }
        }

        return page.Revision;
    }

    private sealed record WatchSource(ResourceStore Store, Func<ResourceEvent, IEnumerable<string>> KeysOf);
}

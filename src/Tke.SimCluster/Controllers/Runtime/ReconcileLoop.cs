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

    private Task FeedAsync(WatchSource source, CancellationToken stopping) =>
        new StoreListWatch(source.Store, _clock, _logger, _name) { Resync = _resync }.RunAsync(
            (page, _) =>
            {
                foreach (var item in page.Items)
                {
                    Enqueue(source, new ResourceEvent(ResourceEventType.Added, item));
                }

                return ValueTask.CompletedTask;
            },
            (e, _) =>
            {
                Enqueue(source, e);
                return ValueTask.CompletedTask;
            },
            stopping);

    private void Enqueue(WatchSource source, ResourceEvent e)
    {
        foreach (var key in source.KeysOf(e))
        {
            Queue.Add(key);
        }
    }

    private sealed record WatchSource(ResourceStore Store, Func<ResourceEvent, IEnumerable<string>> KeysOf);
}

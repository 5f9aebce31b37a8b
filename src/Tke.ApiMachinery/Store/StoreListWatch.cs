using Microsoft.Extensions.Logging;

namespace Tke.ApiMachinery.Store;

/// <summary>
/// The list-then-watch loop that the platform's caches and controllers run over a store: list,
/// hand the page over, watch from the page's revision and hand over each event. When the watch
/// breaks (compacted away, fallen behind, a handler failed) it logs, pauses and lists again, so a
/// consumer that rebuilds its view from each listing misses nothing for good. With
/// <see cref="Resync"/> the listing is also repeated at that interval while the watch is healthy,
/// for level-triggered consumers that may have dropped work.
/// </summary>
/// <param name="consumer">Who watches, for the log.</param>
public sealed class StoreListWatch(ResourceStore store, TimeProvider clock, ILogger logger, string consumer)
{
    /// <summary>The query of each listing (a page of one is enough when only the revision matters);
    /// the watch always covers the whole store.</summary>
    public ListQuery ListQuery { get; init; } = new();

    public TimeSpan? Resync { get; init; }

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public async Task RunAsync(Func<ListPage, CancellationToken, ValueTask> listed, Func<ResourceEvent, CancellationToken, ValueTask> changed, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var page = await store.ListAsync(null, ListQuery, cancellationToken);
                await listed(page, cancellationToken);
                using var period = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                if (Resync is { } resync)
                {
                    period.CancelAfter(resync);
                }

                try
                {
                    await foreach (var e in store.WatchAsync(null, new ListQuery(), page.Revision, new WatchProgress(), period.Token))
                    {
                        await changed(e, cancellationToken);
                    }
                }
                catch (OperationCanceledException) when (period.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    // Resync period over: list and watch again.
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "{Consumer}: watch of {Resource} restarted", consumer, store.Kind.Plural);
                try
                {
                    await Task.Delay(RetryDelay, clock, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}

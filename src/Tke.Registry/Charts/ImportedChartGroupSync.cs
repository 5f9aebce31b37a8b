using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Store;
using Tke.Registry.Apis.ChartGroups;

namespace Tke.Registry.Charts;

/// <summary>
/// The controller of imported chart groups: syncs each Imported ChartGroup when it appears and
/// whenever its spec changes (a new metadata.generation), one group at a time. Its own status
/// writes do not change the generation, so they do not trigger another sync.
/// </summary>
public sealed class ImportedChartGroupSync(ChartObjects objects, ChartGroupImporter importer, TimeProvider clock, ILogger logger)
{
    private readonly ConcurrentDictionary<string, long> _syncedGeneration = new(StringComparer.Ordinal);
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public Task RunAsync(CancellationToken cancellationToken) => Task.WhenAll(WatchAsync(cancellationToken), SyncLoopAsync(cancellationToken));

    private Task WatchAsync(CancellationToken cancellationToken) => new StoreListWatch(objects.ChartGroups, clock, logger, "imported chart group sync").RunAsync(
        (page, _) =>
        {
            foreach (var item in page.Items)
            {
                Consider((ChartGroup)item.Object);
            }

            return ValueTask.CompletedTask;
        },
        (e, cancellation) =>
        {
            var group = (ChartGroup)e.Item.Object;
            if (e.Type == ResourceEventType.Deleted)
            {
                _syncedGeneration.TryRemove(group.Metadata.Uid ?? "", out _);
            }
            else
            {
                Consider(group);
            }

            return ValueTask.CompletedTask;
        },
        cancellationToken);

    private void Consider(ChartGroup group)
    {
        if (group.Spec.Type != RepoTypes.Imported || group.Metadata.DeletionTimestamp is not null || group.Metadata.Uid is not { } uid)
        {
            return;
        }

        var generation = group.Metadata.Generation ?? 0;
        if (_syncedGeneration.TryGetValue(uid, out var synced) && synced >= generation)
        {
            return;
        }

        _syncedGeneration[uid] = generation;
        _queue.Writer.TryWrite(group.Metadata.Name!);
    }

    private async Task SyncLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var name in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    // Read again: the queued copy may be older than the stored group.
                    var group = (ChartGroup)(await objects.ChartGroups.GetAsync(null, name, cancellationToken)).DecodeCopy();
                    var result = await importer.SyncAsync(group, cancellationToken);
                    logger.LogInformation("chart group {Group} synced: {Imported} imported, {Unchanged} current, {Skipped} skipped{Failure}",
                        group.Spec.Name, result.Imported, result.Unchanged, result.Skipped.Count, result.Failure is null ? "" : "; " + result.Failure);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    logger.LogError(e, "sync of chart group {Name} failed", name);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}

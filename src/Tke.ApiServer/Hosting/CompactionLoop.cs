using Microsoft.Extensions.Logging;
using Tke.Storage;

namespace Tke.ApiServer.Hosting;

/// <summary>
/// Compacts storage history periodically, as kube-apiserver does with etcd: each tick compacts
/// up to the revision seen at the previous tick, so at least one interval of history stays
/// available to watches and paged lists.
/// </summary>
public sealed class CompactionLoop(IKeyValueStore store, TimeSpan interval, TimeProvider clock, ILogger logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        long previous = store.CurrentRevision;
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var current = store.CurrentRevision;
                if (previous > store.CompactedRevision)
                {
                    await store.CompactAsync(previous, cancellationToken);
                    logger.LogInformation("compacted storage history up to revision {Revision}", previous);
                }

                previous = current;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "storage compaction failed");
        }
    }
}

using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Store;

namespace Tke.Registry.Resources;

/// <summary>
/// Keeps a registry Namespace's repoCount right when a Repository object is deleted through the
/// API (pushes recount when they create one): watches Repository objects and recounts the
/// namespace of each one that goes.
/// </summary>
public sealed class RepositoryDeletionWatch(ResourceStore repositories, RepositoryStatusRecorder recorder, TimeProvider clock, ILogger logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var revision = (await repositories.ListAsync(null, new ListQuery { Limit = 1 }, cancellationToken)).Revision;
                await foreach (var e in repositories.WatchAsync(null, new ListQuery(), revision, new WatchProgress(), cancellationToken))
                {
                    if (e.Type == ResourceEventType.Deleted && e.Item.Object.Metadata.Namespace is { Length: > 0 } ns)
                    {
                        await recorder.RecountNamespaceAsync(ns, cancellationToken);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Compacted away or a failed recount: start again from the current state.
                logger.LogWarning(e, "watch of registry repositories restarted");
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), clock, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}

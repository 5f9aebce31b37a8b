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
    private readonly StoreListWatch _feed = new(repositories, clock, logger, "registry namespace recount")
    {
        // Only the revision matters: deletions are what this reacts to.
        ListQuery = new ListQuery { Limit = 1 },
    };

    public Task RunAsync(CancellationToken cancellationToken) => _feed.RunAsync(
        (_, _) => ValueTask.CompletedTask,
        async (e, ct) =>
        {
            if (e.Type == ResourceEventType.Deleted && e.Item.Object.Metadata.Namespace is { Length: > 0 } ns)
            {
                await recorder.RecountNamespaceAsync(ns, ct);
            }
        },
        cancellationToken);
}

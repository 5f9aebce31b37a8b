namespace Tke.Storage.Watching;

/// <summary>
/// A backend's durable change history, read by <see cref="WatchHub"/> when a watcher starts
/// further back than the hub's in-memory window.
/// </summary>
public interface IWatchHistory
{
    /// <summary>
    /// Throws <see cref="RevisionCompactedException"/> when changes after
    /// <paramref name="afterRevision"/> are no longer all available.
    /// </summary>
    void EnsureAvailable(long afterRevision);

    /// <summary>
    /// Changes to keys under <paramref name="prefix"/> with revision in
    /// (<paramref name="afterRevision"/>, <paramref name="throughRevision"/>], in revision order.
    /// Every revision up to <paramref name="throughRevision"/> is already committed when this is called.
    /// </summary>
    IAsyncEnumerable<WatchEvent> ReadAsync(string prefix, long afterRevision, long throughRevision, CancellationToken cancellationToken);
}

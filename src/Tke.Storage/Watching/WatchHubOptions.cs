namespace Tke.Storage.Watching;

public sealed class WatchHubOptions
{
    /// <summary>
    /// How many of the latest events are kept in memory so that watchers starting slightly
    /// behind are served without reading the backend's history.
    /// </summary>
    public int RecentEventCapacity { get; init; } = 8192;

    /// <summary>
    /// Events a single watcher may have pending before it is closed with
    /// <see cref="WatchOverflowException"/>; bounds memory and keeps writers from waiting on readers.
    /// </summary>
    public int WatcherBufferCapacity { get; init; } = 4096;
}

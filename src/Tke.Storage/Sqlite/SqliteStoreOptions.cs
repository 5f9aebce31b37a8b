namespace Tke.Storage.Sqlite;

public sealed class SqliteStoreOptions
{
    /// <summary>Most writes committed together in one transaction (one fsync).</summary>
    public int MaxWriteBatch { get; init; } = 1024;

    /// <summary>Read connections kept open between reads; more are opened under load and closed afterwards.</summary>
    public int MaxIdleReadConnections { get; init; } = Math.Max(4, Environment.ProcessorCount * 2);

    /// <summary>Latest events kept in memory for watchers that start slightly behind.</summary>
    public int RecentEventCapacity { get; init; } = 8192;

    /// <summary>Pending events per watcher before it is closed with <see cref="WatchOverflowException"/>.</summary>
    public int WatcherBufferCapacity { get; init; } = 4096;

    /// <summary>Log rows read per query while replaying history to a watcher.</summary>
    public int HistoryPageSize { get; init; } = 1000;
}

using Tke.Storage.Sqlite;
using Tke.Storage.Tests.Conformance;

namespace Tke.Storage.Tests.Sqlite;

public sealed class SqliteKeyValueStoreConformanceTests : KeyValueStoreConformance
{
    private readonly TemporaryDirectory _directory = new();
    private readonly Dictionary<IKeyValueStore, (string Path, SqliteStoreOptions Options)> _opened = [];

    protected override async Task<IKeyValueStore> OpenNewStoreAsync(ConformanceStoreSettings settings)
    {
        var defaults = new SqliteStoreOptions();
        var options = new SqliteStoreOptions
        {
            // Small enough that the watch tests also replay from the log and page through it.
            RecentEventCapacity = 32,
            HistoryPageSize = 7,
            WatcherBufferCapacity = settings.WatcherBufferCapacity ?? defaults.WatcherBufferCapacity,
        };
        var path = _directory.File($"{Guid.NewGuid():N}.db");
        var store = await SqliteKeyValueStore.OpenAsync(path, options);
        _opened[store] = (path, options);
        return store;
    }

    protected override async Task<IKeyValueStore> ReopenStoreAsync(IKeyValueStore store)
    {
        var (path, options) = _opened[store];
        await store.DisposeAsync();
        var reopened = await SqliteKeyValueStore.OpenAsync(path, options);
        _opened[reopened] = (path, options);
        return reopened;
    }

    protected override Task CleanUpAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}

using Microsoft.Data.Sqlite;
using Tke.Storage.Keys;
using Tke.Storage.Watching;

namespace Tke.Storage.Sqlite;

/// <summary>
/// The embedded backend: one SQLite database in WAL mode with synchronous=FULL, written by a
/// single group-committing writer thread and read through a pool of read-only connections
/// that never wait for the writer.
/// </summary>
public sealed class SqliteKeyValueStore : IKeyValueStore
{
    private readonly DatabaseFileLock _lock;
    private readonly SqliteWriter _writer;
    private readonly SqliteReadConnectionPool _readers;
    private readonly WatchHub _hub;
    private readonly SqliteWatchHistory _history;
    private int _disposed;

    private SqliteKeyValueStore(string databasePath, DatabaseFileLock fileLock, SqliteWriter writer, SqliteReadConnectionPool readers, WatchHub hub, SqliteStoreOptions options)
    {
        DatabasePath = databasePath;
        _lock = fileLock;
        _writer = writer;
        _readers = readers;
        _hub = hub;
        _history = new SqliteWatchHistory(readers, writer, Math.Max(1, options.HistoryPageSize));
    }

    public string DatabasePath { get; }

    public long CurrentRevision => _writer.Revision;

    public long CompactedRevision => _writer.Compacted;

    /// <summary>Watchers currently attached.</summary>
    public int WatcherCount => _hub.WatcherCount;

    /// <summary>
    /// Opens (creating when missing) the database at <paramref name="databasePath"/>. Only one
    /// store may have a database open at a time.
    /// </summary>
    public static Task<SqliteKeyValueStore> OpenAsync(string databasePath, SqliteStoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        var fullPath = Path.GetFullPath(databasePath);
        var settings = options ?? new SqliteStoreOptions();

        // Opening may replay a large WAL; keep that off the caller's thread.
        return Task.Run(() => Open(fullPath, settings), cancellationToken);
    }

    private static SqliteKeyValueStore Open(string fullPath, SqliteStoreOptions options)
    {
        var directory = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var fileLock = DatabaseFileLock.Acquire(fullPath);
        SqliteConnection? connection = null;
        SqliteReadConnectionPool? readers = null;
        WatchHub? hub = null;
        try
        {
            connection = SqliteSchema.OpenWriter(fullPath);
            var (revision, compacted) = ReadMeta(connection);
            hub = new WatchHub(revision, new WatchHubOptions
            {
                RecentEventCapacity = options.RecentEventCapacity,
                WatcherBufferCapacity = options.WatcherBufferCapacity,
            });
            var writer = new SqliteWriter(connection, hub, options.MaxWriteBatch, revision, compacted);
            readers = new SqliteReadConnectionPool(fullPath, Math.Max(1, options.MaxIdleReadConnections));
            readers.Warm(Math.Min(2, options.MaxIdleReadConnections));
            writer.Start();
            return new SqliteKeyValueStore(fullPath, fileLock, writer, readers, hub, options);
        }
        catch
        {
            hub?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            readers?.Dispose();
            connection?.Dispose();
            fileLock.Dispose();
            throw;
        }
    }

    public ValueTask<KeyValue?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ThrowIfDisposed();
        var connection = _readers.Rent();
        var healthy = true;
        try
        {
            return new ValueTask<KeyValue?>(connection.Get(key));
        }
        catch (SqliteException)
        {
            healthy = false;
            throw;
        }
        finally
        {
            _readers.Return(connection, healthy);
        }
    }

    public ValueTask<RangeResult> RangeAsync(string prefix, string? startAfter, int limit, long atRevision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ArgumentOutOfRangeException.ThrowIfNegative(atRevision);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();

        var range = KeyRange.ForPrefix(prefix, startAfter);
        // One row more than asked tells whether there is more.
        var fetch = limit == 0 ? -1L : limit + 1L;
        var items = new List<KeyValue>(limit is > 0 and <= 1024 ? limit + 1 : 16);
        var connection = _readers.Rent();
        var healthy = true;
        long revision;
        try
        {
            connection.BeginSnapshot();
            try
            {
                var (current, compacted) = connection.ReadMeta();
                if (atRevision > current)
                {
                    throw new FutureRevisionException(atRevision, current);
                }

                if (atRevision != 0 && atRevision <= compacted)
                {
                    throw new RevisionCompactedException(atRevision, compacted);
                }

                if (atRevision == 0 || atRevision == current)
                {
                    revision = current;
                    connection.RangeCurrent(range, fetch, items);
                }
                else
                {
                    revision = atRevision;
                    connection.RangeAt(range, atRevision, fetch, items);
                }
            }
            finally
            {
                connection.EndSnapshot();
            }
        }
        catch (SqliteException)
        {
            healthy = false;
            throw;
        }
        finally
        {
            _readers.Return(connection, healthy);
        }

        var more = limit > 0 && items.Count > limit;
        if (more)
        {
            items.RemoveAt(items.Count - 1);
        }

        return new ValueTask<RangeResult>(new RangeResult(items, revision, more));
    }

    public ValueTask<long> CountAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ThrowIfDisposed();
        var connection = _readers.Rent();
        var healthy = true;
        try
        {
            return new ValueTask<long>(connection.Count(KeyRange.ForPrefix(prefix)));
        }
        catch (SqliteException)
        {
            healthy = false;
            throw;
        }
        finally
        {
            _readers.Return(connection, healthy);
        }
    }

    public ValueTask<WriteResult> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Submit(new PendingWrite(WriteKind.Create, key, value.ToArray(), 0, cancellationToken));
    }

    public ValueTask<WriteResult> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Submit(new PendingWrite(WriteKind.Update, key, value.ToArray(), expectedModRevision, cancellationToken));
    }

    public ValueTask<WriteResult> DeleteAsync(string key, long expectedModRevision, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Submit(new PendingWrite(WriteKind.Delete, key, null, expectedModRevision, cancellationToken));
    }

    public IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(afterRevision);
        ThrowIfDisposed();
        return _hub.WatchAsync(prefix, afterRevision, _history, cancellationToken);
    }

    public async ValueTask CompactAsync(long revision, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(revision);
        await Submit(new PendingWrite(WriteKind.Compact, string.Empty, null, revision, cancellationToken)).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _writer.StopAsync().ConfigureAwait(false);
        await _hub.DisposeAsync().ConfigureAwait(false);
        _readers.Dispose();
        _writer.Dispose();
        _lock.Dispose();
    }

    private ValueTask<WriteResult> Submit(PendingWrite write)
    {
        write.Cancellation.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        return new ValueTask<WriteResult>(_writer.Submit(write));
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    private static (long Revision, long Compacted) ReadMeta(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT revision, compacted FROM kv_meta WHERE id = 0";
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new InvalidOperationException("The store's meta row is missing.");
        }

        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}

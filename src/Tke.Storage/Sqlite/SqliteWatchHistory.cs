using System.Runtime.CompilerServices;
using Tke.Storage.Keys;
using Tke.Storage.Watching;

namespace Tke.Storage.Sqlite;

/// <summary>Watch history read from the log table, a page at a time so no connection is held while the watcher consumes.</summary>
internal sealed class SqliteWatchHistory(SqliteReadConnectionPool readers, SqliteWriter writer, int pageSize) : IWatchHistory
{
    public void EnsureAvailable(long afterRevision)
    {
        var compacted = writer.Compacted;
        if (afterRevision < compacted)
        {
            throw new RevisionCompactedException(afterRevision + 1, compacted);
        }
    }

    public async IAsyncEnumerable<WatchEvent> ReadAsync(
        string prefix,
        long afterRevision,
        long throughRevision,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var range = KeyRange.ForPrefix(prefix);
        var position = afterRevision;
        var page = new List<WatchEvent>(Math.Min(pageSize, 256));
        while (position < throughRevision)
        {
            cancellationToken.ThrowIfCancellationRequested();
            page.Clear();
            var rows = ReadPage(range, position, throughRevision, page);
            foreach (var e in page)
            {
                yield return e;
            }

            if (rows < pageSize)
            {
                yield break;
            }

            position = page[^1].Revision;

            // Long replays give other work a turn between pages.
            await Task.Yield();
        }
    }

    private int ReadPage(KeyRange range, long position, long throughRevision, List<WatchEvent> into)
    {
        var connection = readers.Rent();
        var healthy = true;
        try
        {
            connection.BeginSnapshot();
            try
            {
                // Compaction keeps every row above the compacted revision, so a position at or
                // above it still sees the complete history.
                var (_, compacted) = connection.ReadMeta();
                if (position < compacted)
                {
                    throw new RevisionCompactedException(position + 1, compacted);
                }

                return connection.History(range, position, throughRevision, pageSize, into);
            }
            finally
            {
                connection.EndSnapshot();
            }
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            healthy = false;
            throw;
        }
        finally
        {
            readers.Return(connection, healthy);
        }
    }
}

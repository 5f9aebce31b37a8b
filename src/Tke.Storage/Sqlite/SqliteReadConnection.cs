using Microsoft.Data.Sqlite;
using Tke.Storage.Keys;

namespace Tke.Storage.Sqlite;

/// <summary>
/// One read-only connection with its prepared statements. Used by one caller at a time
/// (rented from <see cref="SqliteReadConnectionPool"/>). In WAL mode readers never wait for
/// the writer; a multi-statement read runs inside <see cref="BeginSnapshot"/> so the meta
/// row and the data come from the same committed state.
/// </summary>
internal sealed class SqliteReadConnection : IDisposable
{
    private const string CurrentRows = """
        SELECT c.key, c.create_rev, c.mod_rev, l.value
        FROM kv_current c JOIN kv_log l ON l.rev = c.mod_rev
        WHERE c.key >= $lo AND c.key IS NOT $skip
        """;

    // The newest log row per key at or below $rev that is not a tombstone. The unary plus keeps
    // the planner on the (key, rev) index rather than a rowid range.
    private const string RowsAtRevision = """
        SELECT l.key, l.create_rev, l.rev, l.value
        FROM kv_log l
        WHERE l.key >= $lo AND l.key IS NOT $skip AND +l.rev <= $rev AND l.deleted = 0
          AND NOT EXISTS (SELECT 1 FROM kv_log n WHERE n.key = l.key AND n.rev > l.rev AND n.rev <= $rev)
        """;

    // History is walked in revision order (rowid range); the key filter must not pull the
    // planner onto the key index, hence the unary plus.
    private const string HistoryRows = """
        SELECT l.rev, l.key, l.create_rev, l.deleted, l.value, p.rev, p.create_rev, p.value
        FROM kv_log l LEFT JOIN kv_log p ON p.rev = l.prev_rev AND l.prev_rev > 0
        WHERE l.rev > $after AND l.rev <= $through AND +l.key >= $lo
        """;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _end;
    private readonly SqliteCommand _meta;
    private readonly SqliteCommand _get;
    private SqliteCommand? _rangeCurrentBounded;
    private SqliteCommand? _rangeCurrentOpen;
    private SqliteCommand? _rangeAtBounded;
    private SqliteCommand? _rangeAtOpen;
    private SqliteCommand? _countBounded;
    private SqliteCommand? _countOpen;
    private SqliteCommand? _historyBounded;
    private SqliteCommand? _historyOpen;

    public SqliteReadConnection(string databasePath)
    {
        _connection = SqliteSchema.OpenReader(databasePath);
        _begin = Command("BEGIN DEFERRED");
        _end = Command("COMMIT");
        _meta = Command("SELECT revision, compacted FROM kv_meta WHERE id = 0");
        _get = Command("""
            SELECT c.create_rev, c.mod_rev, l.value
            FROM kv_current c JOIN kv_log l ON l.rev = c.mod_rev
            WHERE c.key = $key
            """, "$key");
    }

    public KeyValue? Get(string key)
    {
        _get.Parameters[0].Value = key;
        using var reader = _get.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new KeyValue(key, Blob(reader, 2), reader.GetInt64(0), reader.GetInt64(1));
    }

    public void BeginSnapshot() => _begin.ExecuteNonQuery();

    public void EndSnapshot() => _end.ExecuteNonQuery();

    /// <summary>The committed revision and compacted revision of the current snapshot.</summary>
    public (long Revision, long Compacted) ReadMeta()
    {
        using var reader = _meta.ExecuteReader();
        if (!reader.Read())
        {
            throw new InvalidOperationException("The store's meta row is missing.");
        }

        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public void RangeCurrent(KeyRange range, long limit, List<KeyValue> into)
    {
        var command = range.UpperExclusive is null
            ? _rangeCurrentOpen ??= Command(CurrentRows + " ORDER BY c.key LIMIT $limit", "$lo", "$skip", "$limit")
            : _rangeCurrentBounded ??= Command(CurrentRows + " AND c.key < $hi ORDER BY c.key LIMIT $limit", "$lo", "$skip", "$limit", "$hi");
        BindRange(command, range, limit);
        ReadKeyValues(command, into);
    }

    public void RangeAt(KeyRange range, long revision, long limit, List<KeyValue> into)
    {
        var command = range.UpperExclusive is null
            ? _rangeAtOpen ??= Command(RowsAtRevision + " ORDER BY l.key LIMIT $limit", "$lo", "$skip", "$limit", "$rev")
            : _rangeAtBounded ??= Command(RowsAtRevision + " AND l.key < $hi ORDER BY l.key LIMIT $limit", "$lo", "$skip", "$limit", "$rev", "$hi");
        BindRange(command, range, limit);
        command.Parameters[3].Value = revision;
        ReadKeyValues(command, into);
    }

    public long Count(KeyRange range)
    {
        var command = range.UpperExclusive is null
            ? _countOpen ??= Command("SELECT COUNT(*) FROM kv_current WHERE key >= $lo", "$lo")
            : _countBounded ??= Command("SELECT COUNT(*) FROM kv_current WHERE key >= $lo AND key < $hi", "$lo", "$hi");
        command.Parameters[0].Value = range.Lower;
        if (range.UpperExclusive is not null)
        {
            command.Parameters[1].Value = range.UpperExclusive;
        }

        return Convert.ToInt64(command.ExecuteScalar());
    }

    /// <summary>
    /// Log rows in (afterRevision, throughRevision] under the range, as watch events, at most
    /// <paramref name="limit"/>. Returns the number of log rows read.
    /// </summary>
    public int History(KeyRange range, long afterRevision, long throughRevision, int limit, List<WatchEvent> into)
    {
        var command = range.UpperExclusive is null
            ? _historyOpen ??= Command(HistoryRows + " ORDER BY l.rev LIMIT $limit", "$after", "$through", "$lo", "$limit")
            : _historyBounded ??= Command(HistoryRows + " AND +l.key < $hi ORDER BY l.rev LIMIT $limit", "$after", "$through", "$lo", "$limit", "$hi");
        command.Parameters[0].Value = afterRevision;
        command.Parameters[1].Value = throughRevision;
        command.Parameters[2].Value = range.Lower;
        command.Parameters[3].Value = limit;
        if (range.UpperExclusive is not null)
        {
            command.Parameters[4].Value = range.UpperExclusive;
        }

        var rows = 0;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows++;
            into.Add(ToEvent(reader));
        }

        return rows;
    }

    public void Dispose() => _connection.Dispose();

    private static WatchEvent ToEvent(SqliteDataReader reader)
    {
        var revision = reader.GetInt64(0);
        var key = reader.GetString(1);
        var createRevision = reader.GetInt64(2);
        var deleted = reader.GetInt64(3) != 0;
        var previous = reader.IsDBNull(5)
            ? null
            : new KeyValue(key, Blob(reader, 7), reader.GetInt64(6), reader.GetInt64(5));
        if (deleted)
        {
            // A tombstone stores no value; the event carries the value that was deleted.
            var gone = new KeyValue(key, previous?.Value ?? ReadOnlyMemory<byte>.Empty, createRevision, revision);
            return new WatchEvent(WatchEventType.Delete, gone, previous);
        }

        return new WatchEvent(WatchEventType.Put, new KeyValue(key, Blob(reader, 4), createRevision, revision), previous);
    }

    private static void BindRange(SqliteCommand command, KeyRange range, long limit)
    {
        command.Parameters[0].Value = range.Lower;
        command.Parameters[1].Value = (object?)range.ExcludedLower ?? DBNull.Value;
        command.Parameters[2].Value = limit;
        if (range.UpperExclusive is not null)
        {
            command.Parameters[^1].Value = range.UpperExclusive;
        }
    }

    private static void ReadKeyValues(SqliteCommand command, List<KeyValue> into)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            into.Add(new KeyValue(reader.GetString(0), Blob(reader, 3), reader.GetInt64(1), reader.GetInt64(2)));
        }
    }

    private static byte[] Blob(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : reader.GetFieldValue<byte[]>(ordinal);

    private SqliteCommand Command(string sql, params string[] parameterNames)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}

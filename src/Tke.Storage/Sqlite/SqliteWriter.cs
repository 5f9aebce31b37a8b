using Microsoft.Data.Sqlite;
using Tke.Storage.Watching;

namespace Tke.Storage.Sqlite;

/// <summary>
/// The single writer. A dedicated thread takes every queued write, applies them in one
/// transaction (each with its own compare-and-swap check and its own revision), commits once
/// (one WAL fsync), then publishes the events and completes the callers' tasks. Nothing is
/// acknowledged before its commit is durable.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly WatchHub _hub;
    private readonly int _maxBatch;
    private readonly WriteQueue _queue = new();
    private readonly Thread _thread;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;
    private readonly SqliteCommand _readCurrent;
    private readonly SqliteCommand _insertLog;
    private readonly SqliteCommand _insertCurrent;
    private readonly SqliteCommand _updateCurrent;
    private readonly SqliteCommand _deleteCurrent;
    private readonly SqliteCommand _setRevision;
    private readonly SqliteCommand _deleteSuperseded;
    private readonly SqliteCommand _deleteTombstones;
    private readonly SqliteCommand _setCompacted;

    private long _revision;
    private long _compacted;

    public SqliteWriter(SqliteConnection connection, WatchHub hub, int maxBatch, long revision, long compacted)
    {
        _connection = connection;
        _hub = hub;
        _maxBatch = Math.Max(1, maxBatch);
        _revision = revision;
        _compacted = compacted;

        _begin = Command("BEGIN IMMEDIATE");
        _commit = Command("COMMIT");
        _rollback = Command("ROLLBACK");
        _readCurrent = Command("""
            SELECT c.create_rev, c.mod_rev, l.value
            FROM kv_current c JOIN kv_log l ON l.rev = c.mod_rev
            WHERE c.key = $key
            """, "$key");
        _insertLog = Command(
            "INSERT INTO kv_log (rev, key, create_rev, prev_rev, deleted, value) VALUES ($rev, $key, $create, $prev, $deleted, $value)",
            "$rev", "$key", "$create", "$prev", "$deleted", "$value");
        _insertCurrent = Command("INSERT INTO kv_current (key, create_rev, mod_rev) VALUES ($key, $create, $mod)", "$key", "$create", "$mod");
        _updateCurrent = Command("UPDATE kv_current SET mod_rev = $mod WHERE key = $key", "$key", "$mod");
        _deleteCurrent = Command("DELETE FROM kv_current WHERE key = $key", "$key");
        _setRevision = Command("UPDATE kv_meta SET revision = $rev WHERE id = 0", "$rev");

        // Rows at or below the compacted revision are superseded when a newer row at or below it
        // names them as previous; rows compacted earlier were either superseded then or are still
        // their key's latest, so only the rows in (old, new] need looking at.
        _deleteSuperseded = Command("""
            DELETE FROM kv_log WHERE rev IN
                (SELECT prev_rev FROM kv_log WHERE rev > $old AND rev <= $new AND prev_rev > 0)
            """, "$old", "$new");
        _deleteTombstones = Command("DELETE FROM kv_log WHERE rev > $old AND rev <= $new AND deleted = 1", "$old", "$new");
        _setCompacted = Command("UPDATE kv_meta SET compacted = $new WHERE id = 0", "$new");

        _thread = new Thread(Run) { IsBackground = true, Name = "sqlite-kv-writer" };
    }

    /// <summary>The revision of the latest durable commit.</summary>
    public long Revision => Volatile.Read(ref _revision);

    public long Compacted => Volatile.Read(ref _compacted);

    public void Start() => _thread.Start();

    public Task<WriteResult> Submit(PendingWrite write)
    {
        if (!_queue.TryAdd(write))
        {
            throw new ObjectDisposedException(nameof(SqliteKeyValueStore));
        }

        return write.Task;
    }

    /// <summary>Refuses new writes, commits those already queued, and stops the thread.</summary>
    public Task StopAsync()
    {
        _queue.Close();
        if (_thread.ThreadState.HasFlag(ThreadState.Unstarted))
        {
            _stopped.TrySetResult();
        }

        return _stopped.Task;
    }

    public void Dispose() => _connection.Dispose();

    private void Run()
    {
        try
        {
            var spare = new List<PendingWrite>();
            while (_queue.Take(spare, _maxBatch) is { } batch)
            {
                CommitBatch(batch);
                batch.Clear();
                spare = batch;
            }
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    private void CommitBatch(List<PendingWrite> batch)
    {
        var revision = _revision;
        var compacted = _compacted;
        var events = new List<WatchEvent>(batch.Count);
        try
        {
            _begin.ExecuteNonQuery();
            foreach (var write in batch)
            {
                if (write.Cancellation.IsCancellationRequested)
                {
                    write.Skipped = true;
                    continue;
                }

                switch (write.Kind)
                {
                    case WriteKind.Create:
                        Create(write, ref revision, events);
                        break;
                    case WriteKind.Update:
                        Update(write, ref revision, events);
                        break;
                    case WriteKind.Delete:
                        Delete(write, ref revision, events);
                        break;
                    case WriteKind.Compact:
                        Compact(write, revision, ref compacted);
                        break;
                }
            }

            if (revision != _revision)
            {
                _setRevision.Parameters[0].Value = revision;
                _setRevision.ExecuteNonQuery();
            }

            _commit.ExecuteNonQuery();
        }
        catch (Exception ex)
        {
            TryRollback();
            foreach (var write in batch)
            {
                write.TrySetException(ex);
            }

            return;
        }

        // Readers and callers must see the new revision before their writes are acknowledged.
        Volatile.Write(ref _revision, revision);
        Volatile.Write(ref _compacted, compacted);
        if (events.Count > 0)
        {
            _hub.Publish([.. events]);
        }

        foreach (var write in batch)
        {
            write.Deliver();
        }
    }

    private void Create(PendingWrite write, ref long revision, List<WatchEvent> events)
    {
        var existing = ReadCurrent(write.Key);
        if (existing is not null)
        {
            write.Result = new WriteResult(WriteOutcome.AlreadyExists, revision, existing);
            return;
        }

        var rev = ++revision;
        InsertLog(rev, write.Key, rev, 0, deleted: false, write.Value);
        _insertCurrent.Parameters[0].Value = write.Key;
        _insertCurrent.Parameters[1].Value = rev;
        _insertCurrent.Parameters[2].Value = rev;
        _insertCurrent.ExecuteNonQuery();

        var created = new KeyValue(write.Key, write.Value, rev, rev);
        write.Result = new WriteResult(WriteOutcome.Succeeded, rev, created);
        events.Add(new WatchEvent(WatchEventType.Put, created, null));
    }

    private void Update(PendingWrite write, ref long revision, List<WatchEvent> events)
    {
        var existing = ReadCurrent(write.Key);
        if (existing is null)
        {
            write.Result = new WriteResult(WriteOutcome.NotFound, revision, null);
            return;
        }

        if (existing.ModRevision != write.Revision)
        {
            write.Result = new WriteResult(WriteOutcome.Conflict, revision, existing);
            return;
        }

        var rev = ++revision;
        InsertLog(rev, write.Key, existing.CreateRevision, existing.ModRevision, deleted: false, write.Value);
        _updateCurrent.Parameters[0].Value = write.Key;
        _updateCurrent.Parameters[1].Value = rev;
        _updateCurrent.ExecuteNonQuery();

        var updated = new KeyValue(write.Key, write.Value, existing.CreateRevision, rev);
        write.Result = new WriteResult(WriteOutcome.Succeeded, rev, updated);
        events.Add(new WatchEvent(WatchEventType.Put, updated, existing));
    }

    private void Delete(PendingWrite write, ref long revision, List<WatchEvent> events)
    {
        var existing = ReadCurrent(write.Key);
        if (existing is null)
        {
            write.Result = new WriteResult(WriteOutcome.NotFound, revision, null);
            return;
        }

        if (write.Revision != 0 && existing.ModRevision != write.Revision)
        {
            write.Result = new WriteResult(WriteOutcome.Conflict, revision, existing);
            return;
        }

        var rev = ++revision;
        InsertLog(rev, write.Key, existing.CreateRevision, existing.ModRevision, deleted: true, value: null);
        _deleteCurrent.Parameters[0].Value = write.Key;
        _deleteCurrent.ExecuteNonQuery();

        write.Result = new WriteResult(WriteOutcome.Succeeded, rev, existing);
        events.Add(new WatchEvent(WatchEventType.Delete, existing with { ModRevision = rev }, existing));
    }

    private void Compact(PendingWrite write, long revision, ref long compacted)
    {
        var target = write.Revision;
        if (target > revision)
        {
            write.Failure = new FutureRevisionException(target, revision);
            return;
        }

        write.Result = new WriteResult(WriteOutcome.Succeeded, revision, null);
        if (target <= compacted)
        {
            return;
        }

        foreach (var command in (ReadOnlySpan<SqliteCommand>)[_deleteSuperseded, _deleteTombstones])
        {
            command.Parameters[0].Value = compacted;
            command.Parameters[1].Value = target;
            command.ExecuteNonQuery();
        }

        _setCompacted.Parameters[0].Value = target;
        _setCompacted.ExecuteNonQuery();
        compacted = target;
    }

    private KeyValue? ReadCurrent(string key)
    {
        _readCurrent.Parameters[0].Value = key;
        using var reader = _readCurrent.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var value = reader.IsDBNull(2) ? [] : reader.GetFieldValue<byte[]>(2);
        return new KeyValue(key, value, reader.GetInt64(0), reader.GetInt64(1));
    }

    private void InsertLog(long rev, string key, long createRevision, long previousRevision, bool deleted, byte[]? value)
    {
        var parameters = _insertLog.Parameters;
        parameters[0].Value = rev;
        parameters[1].Value = key;
        parameters[2].Value = createRevision;
        parameters[3].Value = previousRevision;
        parameters[4].Value = deleted ? 1L : 0L;
        parameters[5].Value = (object?)value ?? DBNull.Value;
        _insertLog.ExecuteNonQuery();
    }

    private void TryRollback()
    {
        try
        {
            _rollback.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // SQLite already rolled back (e.g. after an I/O error); nothing is left to undo.
        }
    }

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

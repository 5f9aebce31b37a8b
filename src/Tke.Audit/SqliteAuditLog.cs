using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Tke.ApiMachinery.Json;

namespace Tke.Audit;

/// <summary>
/// Audit records in their own SQLite database (WAL), apart from the object store so audit volume
/// never competes with API writes. Batches are inserted in one transaction; retention runs after
/// writes at most once per <see cref="SqliteAuditLogOptions.PruneInterval"/>. Every value reaches
/// SQL as a parameter.
/// </summary>
public sealed class SqliteAuditLog : IAuditBatchWriter, IAuditReader, IDisposable
{
    private const string InsertSql = """
        INSERT INTO audit_events (received_ms, username, tenant, verb, api_group, resource, namespace, name, code, event)
        VALUES ($received, $user, $tenant, $verb, $group, $resource, $namespace, $name, $code, $event);
        """;

    private readonly string _path;
    private readonly SqliteAuditLogOptions _options;
    private readonly SqliteConnection _writer;
    private readonly Lock _writeLock = new();
    private readonly ConcurrentBag<SqliteConnection> _readers = [];
    private DateTimeOffset _nextPrune;
    private bool _disposed;

    public SqliteAuditLog(string path, SqliteAuditLogOptions? options = null)
    {
        _path = Path.GetFullPath(path);
        _options = options ?? new SqliteAuditLogOptions();
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _writer = AuditSchema.OpenWriter(_path);
        _nextPrune = _options.Clock.GetUtcNow();
    }

    public void WriteBatch(IReadOnlyList<AuditRecord> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using (var transaction = _writer.BeginTransaction())
            {
                using var insert = _writer.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = InsertSql;
                var parameters = new[] { "$received", "$user", "$tenant", "$verb", "$group", "$resource", "$namespace", "$name", "$code", "$event" }
                    .Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name }))
                    .ToArray();
                insert.Prepare();
                foreach (var record in records)
                {
                    var target = record.ObjectRef;
                    parameters[0].Value = record.RequestReceivedTimestamp.ToUnixTimeMilliseconds();
                    parameters[1].Value = record.User.Username;
                    parameters[2].Value = record.TenantId;
                    parameters[3].Value = record.Verb;
                    parameters[4].Value = target?.ApiGroup ?? "";
                    parameters[5].Value = target?.Resource ?? "";
                    parameters[6].Value = target?.Namespace ?? "";
                    parameters[7].Value = target?.Name ?? "";
                    parameters[8].Value = record.Code;
                    parameters[9].Value = JsonSerializer.Serialize(record, ApiJson.Options);
                    insert.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            var now = _options.Clock.GetUtcNow();
            if (now >= _nextPrune)
            {
                _nextPrune = now + _options.PruneInterval;
                PruneLocked(now);
            }
        }
    }

    /// <summary>Applies the retention limits now; returns how many records were deleted.</summary>
    public long Prune()
    {
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return PruneLocked(_options.Clock.GetUtcNow());
        }
    }

    public AuditPage Query(AuditQuery query)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        long? before = query.Continue is null ? null : AuditContinueToken.Decode(query.Continue);
        var reader = RentReader();
        try
        {
            using var command = reader.CreateCommand();
            var where = new List<string>();
            void Equal(string column, string parameter, object? value)
            {
                if (value is not null)
                {
                    where.Add($"{column} = {parameter}");
                    command.Parameters.AddWithValue(parameter, value);
                }
            }

            Equal("username", "$user", query.User);
            Equal("tenant", "$tenant", query.Tenant);
            Equal("verb", "$verb", query.Verb);
            Equal("api_group", "$group", query.ApiGroup);
            Equal("resource", "$resource", query.Resource);
            Equal("namespace", "$namespace", query.Namespace);
            Equal("name", "$name", query.Name);
            Equal("code", "$code", query.Code);
            switch (query.Result)
            {
                case AuditResult.Success:
                    where.Add("code BETWEEN 200 AND 299");
                    break;
                case AuditResult.Failure:
                    where.Add("code NOT BETWEEN 200 AND 299");
                    break;
            }

            if (query.From is { } from)
            {
                where.Add("received_ms >= $from");
                command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
            }

            if (query.To is { } to)
            {
                where.Add("received_ms < $to");
                command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
            }

            if (before is { } seq)
            {
                where.Add("seq < $before");
                command.Parameters.AddWithValue("$before", seq);
            }

            var sql = new StringBuilder("SELECT seq, event FROM audit_events");
            if (where.Count > 0)
            {
                sql.Append(" WHERE ").AppendJoin(" AND ", where);
            }

            // One row past the page tells whether another page exists without a COUNT.
            sql.Append(" ORDER BY seq DESC LIMIT $limit");
            command.Parameters.AddWithValue("$limit", query.Limit + 1);
            command.CommandText = sql.ToString();

            var items = new List<byte[]>(Math.Min(query.Limit, 1024));
            long last = 0;
            var more = false;
            using (var rows = command.ExecuteReader())
            {
                while (rows.Read())
                {
                    if (items.Count == query.Limit)
                    {
                        more = true;
                        break;
                    }

                    last = rows.GetInt64(0);
                    items.Add(Encoding.UTF8.GetBytes(rows.GetString(1)));
                }
            }

            return new AuditPage(items, more ? AuditContinueToken.Encode(last) : null);
        }
        finally
        {
            ReturnReader(reader);
        }
    }

    /// <summary>The number of stored records.</summary>
    public long Count()
    {
        var reader = RentReader();
        try
        {
            using var command = reader.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM audit_events";
            return Convert.ToInt64(command.ExecuteScalar());
        }
        finally
        {
            ReturnReader(reader);
        }
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _writer.Dispose();
            while (_readers.TryTake(out var reader))
            {
                reader.Dispose();
            }
        }
    }

    private long PruneLocked(DateTimeOffset now)
    {
        long deleted = 0;
        using var transaction = _writer.BeginTransaction();
        if (_options.MaxAge is { } maxAge)
        {
            using var byAge = _writer.CreateCommand();
            byAge.Transaction = transaction;
            byAge.CommandText = "DELETE FROM audit_events WHERE received_ms < $cutoff";
            byAge.Parameters.AddWithValue("$cutoff", (now - maxAge).ToUnixTimeMilliseconds());
            deleted += byAge.ExecuteNonQuery();
        }

        if (_options.MaxRecords is { } maxRecords)
        {
            // Keep the newest maxRecords by sequence; the OFFSET row is the newest one to delete.
            using var byCount = _writer.CreateCommand();
            byCount.Transaction = transaction;
            byCount.CommandText = """
                DELETE FROM audit_events WHERE seq <= (
                    SELECT seq FROM audit_events ORDER BY seq DESC LIMIT 1 OFFSET $keep)
                """;
            byCount.Parameters.AddWithValue("$keep", Math.Max(0, maxRecords));
            deleted += byCount.ExecuteNonQuery();
        }

        transaction.Commit();
        return deleted;
    }

    private void ReturnReader(SqliteConnection reader)
    {
        _readers.Add(reader);
        if (Volatile.Read(ref _disposed))
        {
            // Dispose may have emptied the pool before this reader came back.
            while (_readers.TryTake(out var left))
            {
                left.Dispose();
            }
        }
    }

    private SqliteConnection RentReader()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _readers.TryTake(out var reader) ? reader : AuditSchema.OpenReader(_path);
    }
}

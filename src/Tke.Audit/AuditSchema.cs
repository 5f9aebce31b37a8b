using Microsoft.Data.Sqlite;

namespace Tke.Audit;

/// <summary>
/// The audit database: one row per event with the filterable fields in columns and the event JSON
/// as stored. <c>seq</c> is AUTOINCREMENT so numbers of deleted rows are never handed out again,
/// which keeps continue tokens meaning the same thing after retention ran. Every SQLite index
/// ends in the rowid, so each single-column index also serves "WHERE x = ? ORDER BY seq DESC".
/// </summary>
internal static class AuditSchema
{
    private const int Version = 1;

    private const string CreateTables = """
        CREATE TABLE IF NOT EXISTS audit_events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            received_ms INTEGER NOT NULL,
            username TEXT NOT NULL,
            tenant TEXT NOT NULL,
            verb TEXT NOT NULL,
            api_group TEXT NOT NULL,
            resource TEXT NOT NULL,
            namespace TEXT NOT NULL,
            name TEXT NOT NULL,
            code INTEGER NOT NULL,
            event TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS audit_by_received ON audit_events (received_ms);
        CREATE INDEX IF NOT EXISTS audit_by_user ON audit_events (username);
        CREATE INDEX IF NOT EXISTS audit_by_tenant ON audit_events (tenant);
        CREATE INDEX IF NOT EXISTS audit_by_verb ON audit_events (verb);
        CREATE INDEX IF NOT EXISTS audit_by_resource ON audit_events (resource);
        CREATE INDEX IF NOT EXISTS audit_by_namespace ON audit_events (namespace);
        CREATE INDEX IF NOT EXISTS audit_by_name ON audit_events (name);
        CREATE INDEX IF NOT EXISTS audit_by_code ON audit_events (code);
        """;

    public static SqliteConnection OpenWriter(string path)
    {
        var connection = Open(path, SqliteOpenMode.ReadWriteCreate);
        try
        {
            var journal = Convert.ToString(Scalar(connection, "PRAGMA journal_mode = WAL;"));
            if (!string.Equals(journal, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL mode for {path} (journal_mode = {journal}).");
            }

            // FULL: a committed batch survives power loss; batching keeps the fsync cost per record small.
            Execute(connection, "PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY;");
            var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"));
            if (version > Version)
            {
                throw new InvalidOperationException($"{path} has audit schema version {version}; this build understands up to {Version}.");
            }

            Execute(connection, CreateTables + $"PRAGMA user_version = {Version};");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static SqliteConnection OpenReader(string path)
    {
        var connection = Open(path, SqliteOpenMode.ReadWrite);
        try
        {
            Execute(connection, "PRAGMA query_only = ON;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout = 30000;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}

using Microsoft.Data.Sqlite;

namespace Tke.Storage.Sqlite;

/// <summary>
/// Tables and connection settings. <c>kv_log</c> holds one row per revision (a put or a
/// tombstone) and is the MVCC history; <c>kv_current</c> indexes each live key's latest
/// log row so current reads are point lookups; <c>kv_meta</c> persists the revision
/// counters so they never go backwards, even when the log is compacted or empty.
/// Values live only in the log, so each write stores its value once.
/// </summary>
internal static class SqliteSchema
{
    private const int Version = 1;

    private const string CreateTables = """
        CREATE TABLE IF NOT EXISTS kv_meta (
            id INTEGER PRIMARY KEY CHECK (id = 0),
            revision INTEGER NOT NULL,
            compacted INTEGER NOT NULL);
        INSERT OR IGNORE INTO kv_meta (id, revision, compacted) VALUES (0, 0, 0);
        CREATE TABLE IF NOT EXISTS kv_log (
            rev INTEGER PRIMARY KEY,
            key TEXT NOT NULL COLLATE BINARY,
            create_rev INTEGER NOT NULL,
            prev_rev INTEGER NOT NULL,
            deleted INTEGER NOT NULL,
            value BLOB);
        CREATE INDEX IF NOT EXISTS kv_log_by_key ON kv_log (key, rev);
        CREATE TABLE IF NOT EXISTS kv_current (
            key TEXT PRIMARY KEY COLLATE BINARY,
            create_rev INTEGER NOT NULL,
            mod_rev INTEGER NOT NULL) WITHOUT ROWID;
        """;

    public static SqliteConnection OpenWriter(string databasePath)
    {
        var connection = Open(databasePath, SqliteOpenMode.ReadWriteCreate);
        try
        {
            var journal = Convert.ToString(Scalar(connection, "PRAGMA journal_mode = WAL;"));
            if (!string.Equals(journal, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL mode for {databasePath} (journal_mode = {journal}).");
            }

            // FULL syncs the WAL on every commit: an acknowledged write survives a crash or power loss.
            Execute(connection, """
                PRAGMA synchronous = FULL;
                PRAGMA temp_store = MEMORY;
                PRAGMA cache_size = -16384;
                """);
            var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"));
            if (version > Version)
            {
                throw new InvalidOperationException($"{databasePath} has schema version {version}; this build understands up to {Version}.");
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

    public static SqliteConnection OpenReader(string databasePath)
    {
        var connection = Open(databasePath, SqliteOpenMode.ReadWrite);
        try
        {
            Execute(connection, """
                PRAGMA query_only = ON;
                PRAGMA cache_size = -8192;
                PRAGMA temp_store = MEMORY;
                """);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static SqliteConnection Open(string databasePath, SqliteOpenMode mode)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = mode,
            Cache = SqliteCacheMode.Private,
            // The store keeps its own connections; the driver's pool would only add a lookup.
            Pooling = false,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ToString());
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

using Microsoft.Data.Sqlite;

namespace Tke.Storage.Sqlite;

/// <summary>
/// How the platform opens its SQLite databases (the object store, the audit log): in WAL mode with
/// one writing connection, which readers never wait for, and query-only readers. Each connection
/// is the caller's own and waits up to 30 s for a lock.
/// </summary>
public static class SqliteWalDatabase
{
    /// <summary>
    /// The writing connection: WAL, synchronous FULL and <paramref name="pragmas"/>, with the
    /// schema created or checked; a database written by a newer schema version is refused.
    /// </summary>
    public static SqliteConnection OpenWriter(string path, SqliteSchemaDefinition schema, string pragmas = "")
    {
        var connection = Open(path, SqliteOpenMode.ReadWriteCreate);
        try
        {
            var journal = Convert.ToString(Scalar(connection, "PRAGMA journal_mode = WAL;"));
            if (!string.Equals(journal, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL mode for {path} (journal_mode = {journal}).");
            }

            // FULL syncs the WAL on every commit: a committed transaction survives a crash or power loss.
            Execute(connection, "PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY;" + pragmas);
            var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"));
            if (version > schema.Version)
            {
                throw new InvalidOperationException($"{path} has {schema.Description} version {version}; this build understands up to {schema.Version}.");
            }

            Execute(connection, schema.CreateTables + $"PRAGMA user_version = {schema.Version};");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A reading connection: query-only, with <paramref name="pragmas"/>.</summary>
    public static SqliteConnection OpenReader(string path, string pragmas = "")
    {
        var connection = Open(path, SqliteOpenMode.ReadWrite);
        try
        {
            Execute(connection, "PRAGMA query_only = ON;" + pragmas);
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
            // Callers keep their own connections; the driver's pool would only add a lookup.
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

using Microsoft.Data.Sqlite;
using Tke.Storage.Sqlite;

namespace Tke.Storage.Tests.Sqlite;

/// <summary>How every SQLite database of the platform is opened: the writer, the readers, and the schema version check.</summary>
public sealed class SqliteWalDatabaseTests : IDisposable
{
    private static readonly SqliteSchemaDefinition Notes = new("notes schema", 2, "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);");

    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void The_writer_is_in_wal_mode_syncs_every_commit_and_creates_the_schema()
    {
        using var writer = SqliteWalDatabase.OpenWriter(_directory.File("notes.db"), Notes, "PRAGMA cache_size = -4096;");

        Assert.Equal("wal", Scalar(writer, "PRAGMA journal_mode;"));
        Assert.Equal(2L, Scalar(writer, "PRAGMA synchronous;")); // FULL
        Assert.Equal(-4096L, Scalar(writer, "PRAGMA cache_size;"));
        Assert.Equal(2L, Scalar(writer, "PRAGMA user_version;"));
        Assert.Equal(30000L, Scalar(writer, "PRAGMA busy_timeout;"));
        Assert.Equal(0L, Scalar(writer, "SELECT COUNT(*) FROM notes;"));
    }

    [Fact]
    public void A_reader_sees_committed_rows_and_refuses_to_write()
    {
        var path = _directory.File("notes.db");
        using var writer = SqliteWalDatabase.OpenWriter(path, Notes);
        Execute(writer, "INSERT INTO notes (text) VALUES ('kept');");
        using var reader = SqliteWalDatabase.OpenReader(path, "PRAGMA cache_size = -2048;");

        var e = Assert.Throws<SqliteException>(() => Execute(reader, "INSERT INTO notes (text) VALUES ('refused');"));

        Assert.Contains("readonly", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(-2048L, Scalar(reader, "PRAGMA cache_size;"));
        Assert.Equal(1L, Scalar(reader, "SELECT COUNT(*) FROM notes;"));
    }

    [Fact]
    public void A_database_of_a_newer_schema_version_is_refused_and_left_as_it_was()
    {
        var path = _directory.File("notes.db");
        using (var newer = SqliteWalDatabase.OpenWriter(path, Notes with { Version = 3 }))
        {
            Execute(newer, "INSERT INTO notes (text) VALUES ('from a newer build');");
        }

        var e = Assert.Throws<InvalidOperationException>(() => SqliteWalDatabase.OpenWriter(path, Notes));

        Assert.Equal($"{path} has notes schema version 3; this build understands up to 2.", e.Message);
        using var reader = SqliteWalDatabase.OpenReader(path);
        Assert.Equal(3L, Scalar(reader, "PRAGMA user_version;"));
        Assert.Equal(1L, Scalar(reader, "SELECT COUNT(*) FROM notes;"));
    }

    public void Dispose() => _directory.Dispose();

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

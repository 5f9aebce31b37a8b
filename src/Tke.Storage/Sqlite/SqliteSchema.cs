using Microsoft.Data.Sqlite;

namespace Tke.Storage.Sqlite;

/// <summary>
/// Tables and connection settings (a <see cref="SqliteWalDatabase"/>). <c>kv_log</c> holds one
/// row per revision (a put or a tombstone) and is the MVCC history; <c>kv_current</c> indexes
/// each live key's latest log row so current reads are point lookups; <c>kv_meta</c> persists
/// the revision counters so they never go backwards, even when the log is compacted or empty.
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

    private static readonly SqliteSchemaDefinition Schema = new("schema", Version, CreateTables);

    public static SqliteConnection OpenWriter(string databasePath) =>
        SqliteWalDatabase.OpenWriter(databasePath, Schema, "PRAGMA cache_size = -16384;");

    public static SqliteConnection OpenReader(string databasePath) =>
        SqliteWalDatabase.OpenReader(databasePath, "PRAGMA cache_size = -8192; PRAGMA temp_store = MEMORY;");
}

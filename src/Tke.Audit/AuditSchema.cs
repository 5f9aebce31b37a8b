using Microsoft.Data.Sqlite;
using Tke.Storage.Sqlite;

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

    private static readonly SqliteSchemaDefinition Schema = new("audit schema", Version, CreateTables);

    // Synchronous FULL costs an fsync per commit; batching keeps that cost per record small.
    public static SqliteConnection OpenWriter(string path) => SqliteWalDatabase.OpenWriter(path, Schema);

    public static SqliteConnection OpenReader(string path) => SqliteWalDatabase.OpenReader(path);
}

namespace Tke.Storage.Sqlite;

/// <summary>
/// A database's tables (CREATE ... IF NOT EXISTS statements) and their version, kept in SQLite's
/// user_version. <paramref name="Description"/> names the schema in errors ("audit schema").
/// </summary>
public sealed record SqliteSchemaDefinition(string Description, int Version, string CreateTables);

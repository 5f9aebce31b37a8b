namespace Tke.Storage.Sqlite;

/// <summary>
/// An exclusive lock file next to the database. The store keeps its revision counter in
/// memory, so a second process writing the same file would hand out duplicate revisions;
/// the lock makes the second open fail instead. The OS releases it when the process dies.
/// </summary>
internal sealed class DatabaseFileLock : IDisposable
{
    private readonly FileStream _file;

    private DatabaseFileLock(FileStream file) => _file = file;

    public static DatabaseFileLock Acquire(string databasePath)
    {
        var path = databasePath + ".lock";
        try
        {
            return new DatabaseFileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException ex)
        {
            throw new IOException($"The database {databasePath} is already open in another store or process.", ex);
        }
    }

    public void Dispose() => _file.Dispose();
}

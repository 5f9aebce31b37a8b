namespace Tke.Storage.Sqlite;

/// <summary>
/// Idle read connections. Renting never waits: when none is idle a new one is opened, and
/// connections beyond <c>maxIdle</c> are closed when returned, so readers are never queued.
/// </summary>
internal sealed class SqliteReadConnectionPool(string databasePath, int maxIdle) : IDisposable
{
    private readonly Stack<SqliteReadConnection> _idle = new();
    private bool _disposed;

    public SqliteReadConnection Rent()
    {
        lock (_idle)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_idle.TryPop(out var connection))
            {
                return connection;
            }
        }

        return new SqliteReadConnection(databasePath);
    }

    /// <summary>Gives a connection back; a connection that failed mid-read is closed instead.</summary>
    public void Return(SqliteReadConnection connection, bool healthy = true)
    {
        if (healthy)
        {
            lock (_idle)
            {
                if (!_disposed && _idle.Count < maxIdle)
                {
                    _idle.Push(connection);
                    return;
                }
            }
        }

        connection.Dispose();
    }

    /// <summary>Opens connections ahead of the first reads.</summary>
    public void Warm(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Return(new SqliteReadConnection(databasePath));
        }
    }

    public void Dispose()
    {
        lock (_idle)
        {
            _disposed = true;
            while (_idle.TryPop(out var connection))
            {
                connection.Dispose();
            }
        }
    }
}

using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Tke.Registry.Storage;

/// <summary>
/// The metadata database's one writing connection. Writes queue up and run in batches, each
/// batch one transaction with one WAL fsync (synchronous = FULL), so an acknowledged write is
/// durable while concurrent pushes share the cost of the sync. Each write runs in its own
/// savepoint: one failing write does not undo the others in its batch.
/// </summary>
internal sealed class GroupCommitWriter : IDisposable
{
    private const int MaxBatch = 512;

    private readonly SqliteConnection _connection;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _thread;

    public GroupCommitWriter(SqliteConnection connection)
    {
        _connection = connection;
        _thread = new Thread(Run) { IsBackground = true, Name = "registry-metadata-writer" };
        _thread.Start();
    }

    public Task<T> RunAsync<T>(Func<SqliteConnection, T> work)
    {
        var pending = new PendingWrite<T>(work);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommitWriter));
        }

        return pending.Task;
    }

    private void Run()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        var reader = _queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                Execute("BEGIN IMMEDIATE;");
                foreach (var write in batch)
                {
                    Execute("SAVEPOINT w;");
                    if (write.Execute(_connection))
                    {
                        Execute("RELEASE w;");
                    }
                    else
                    {
                        Execute("ROLLBACK TO w; RELEASE w;");
                    }
                }

                Execute("COMMIT;");
                foreach (var write in batch)
                {
                    write.Publish();
                }
            }
            catch (Exception ex)
            {
                try
                {
                    Execute("ROLLBACK;");
                }
                catch (SqliteException)
                {
                    // no transaction left to roll back
                }

                foreach (var write in batch)
                {
                    write.Fail(ex);
                }
            }

            batch.Clear();
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _thread.Join();
        _connection.Dispose();
    }

    private abstract class PendingWrite
    {
        /// <summary>Runs the work; false when it threw (its error is kept for <see cref="Publish"/>).</summary>
        public abstract bool Execute(SqliteConnection connection);

        public abstract void Publish();

        public abstract void Fail(Exception error);
    }

    private sealed class PendingWrite<T>(Func<SqliteConnection, T> work) : PendingWrite
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _error;

        public Task<T> Task => _completion.Task;

        public override bool Execute(SqliteConnection connection)
        {
            try
            {
                _result = work(connection);
                return true;
            }
            catch (Exception ex)
            {
                _error = ex;
                return false;
            }
        }

        public override void Publish()
        {
            if (_error is not null)
            {
                _completion.TrySetException(_error);
            }
            else
            {
                _completion.TrySetResult(_result!);
            }
        }

        public override void Fail(Exception error) => _completion.TrySetException(error);
    }
}

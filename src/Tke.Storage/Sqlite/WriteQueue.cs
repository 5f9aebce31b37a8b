namespace Tke.Storage.Sqlite;

/// <summary>
/// Writes waiting for the writer thread. The writer takes everything queued at once, which
/// is what turns concurrent writes into one transaction and one fsync.
/// </summary>
internal sealed class WriteQueue
{
    private readonly object _gate = new();
    private List<PendingWrite> _pending = [];
    private bool _closed;

    public bool TryAdd(PendingWrite write)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            _pending.Add(write);
            if (_pending.Count == 1)
            {
                Monitor.Pulse(_gate);
            }

            return true;
        }
    }

    /// <summary>
    /// Blocks until writes are queued and returns up to <paramref name="max"/> of them, in
    /// arrival order; <paramref name="spare"/> (empty) becomes the new queue. Null once closed and drained.
    /// </summary>
    public List<PendingWrite>? Take(List<PendingWrite> spare, int max)
    {
        lock (_gate)
        {
            while (_pending.Count == 0)
            {
                if (_closed)
                {
                    return null;
                }

                Monitor.Wait(_gate);
            }

            if (_pending.Count <= max)
            {
                var taken = _pending;
                _pending = spare;
                return taken;
            }

            spare.AddRange(_pending.GetRange(0, max));
            _pending.RemoveRange(0, max);
            return spare;
        }
    }

    /// <summary>Refuses new writes; those already queued are still taken.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }
    }
}

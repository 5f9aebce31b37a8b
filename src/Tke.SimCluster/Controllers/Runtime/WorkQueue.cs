using System.Threading.Channels;

namespace Tke.SimCluster.Controllers.Runtime;

/// <summary>
/// A queue of object keys as client-go's work queue: a key waits at most once, a key being
/// processed is never handed out twice (an Add meanwhile takes effect when it is done), and
/// failures are retried with per-key exponential backoff.
/// </summary>
public sealed class WorkQueue(TimeProvider clock, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null)
{
    private readonly Channel<string> _ready = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Lock _lock = new();
    private readonly HashSet<string> _waiting = [];
    private readonly HashSet<string> _processing = [];
    private readonly HashSet<string> _dirty = [];
    private readonly Dictionary<string, int> _failures = [];
    private readonly TimeSpan _baseDelay = baseDelay ?? TimeSpan.FromMilliseconds(20);
    private readonly TimeSpan _maxDelay = maxDelay ?? TimeSpan.FromSeconds(10);

    /// <summary>Keys waiting or being processed (for tests and metrics).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count + _processing.Count;
            }
        }
    }

    public void Add(string key)
    {
        lock (_lock)
        {
            if (_processing.Contains(key))
            {
                _dirty.Add(key);
                return;
            }

            if (!_waiting.Add(key))
            {
                return;
            }
        }

        _ready.Writer.TryWrite(key);
    }

    /// <summary>Adds the key once the delay has passed (a timer, not a blocked worker).</summary>
    public void AddAfter(string key, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        _ = AddLaterAsync(key, delay, cancellationToken);
    }

    /// <summary>Adds the key after a backoff that doubles with each consecutive failure of that key.</summary>
    public TimeSpan AddWithBackoff(string key, CancellationToken cancellationToken)
    {
        int failures;
        lock (_lock)
        {
            failures = _failures.GetValueOrDefault(key);
            _failures[key] = failures + 1;
        }

        var delay = TimeSpan.FromTicks(Math.Min(_maxDelay.Ticks, _baseDelay.Ticks << Math.Min(failures, 20)));
        AddAfter(key, delay, cancellationToken);
        return delay;
    }

    /// <summary>Clears the key's failure count after a successful round.</summary>
    public void Forget(string key)
    {
        lock (_lock)
        {
            _failures.Remove(key);
        }
    }

    /// <summary>Waits for the next key; the caller must call <see cref="Done"/> with it.</summary>
    public async ValueTask<string> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var key = await _ready.Reader.ReadAsync(cancellationToken);
            lock (_lock)
            {
                if (_waiting.Remove(key))
                {
                    _processing.Add(key);
                    return key;
                }
            }
        }
    }

    public void Done(string key)
    {
        bool again;
        lock (_lock)
        {
            _processing.Remove(key);
            again = _dirty.Remove(key);
        }

        if (again)
        {
            Add(key);
        }
    }

    private async Task AddLaterAsync(string key, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, clock, cancellationToken);
            Add(key);
        }
        catch (OperationCanceledException)
        {
        }
    }
}

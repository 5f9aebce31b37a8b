namespace Tke.Platform.Clusters;

/// <summary>
/// When each cluster is probed next and how many probes in a row have failed. A cluster is never
/// probed twice at once; a success schedules the next probe one interval later, a failure backs
/// off exponentially (<see cref="ProbeBackoff"/>). Thread-safe.
/// </summary>
public sealed class ClusterProbeSchedule(ClusterHealthOptions options, TimeProvider clock)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Starts tracking a cluster, due at once; false if it was tracked already.</summary>
    public bool Track(string name)
    {
        lock (_lock)
        {
            return _entries.TryAdd(name, new Entry { Due = clock.GetUtcNow() });
        }
    }

    public void Forget(string name)
    {
        lock (_lock)
        {
            _entries.Remove(name);
        }
    }

    /// <summary>Makes a tracked cluster due now (its address or credential changed).</summary>
    public void ProbeSoon(string name)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(name, out var entry))
            {
                entry.Due = clock.GetUtcNow();
            }
        }
    }

    /// <summary>The clusters whose probe is due, marked in flight until <see cref="Complete"/>.</summary>
    public IReadOnlyList<string> TakeDue()
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            var due = _entries.Where(e => !e.Value.InFlight && e.Value.Due <= now).Select(e => e.Key).ToList();
            foreach (var name in due)
            {
                _entries[name].InFlight = true;
            }

            return due;
        }
    }

    /// <summary>Records a probe's outcome and schedules the next; answers the consecutive failures so far.</summary>
    public int Complete(string name, bool succeeded)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (!_entries.TryGetValue(name, out var entry))
            {
                return succeeded ? 0 : 1;
            }

            entry.InFlight = false;
            entry.ConsecutiveFailures = succeeded ? 0 : entry.ConsecutiveFailures + 1;
            entry.Due = now + ProbeBackoff.DelayAfter(entry.ConsecutiveFailures, options.ProbeInterval, options.EffectiveMaxBackoff);
            return entry.ConsecutiveFailures;
        }
    }

    /// <summary>The earliest time a cluster not in flight is due, or null when none is waiting.</summary>
    public DateTimeOffset? NextDue()
    {
        lock (_lock)
        {
            DateTimeOffset? next = null;
            foreach (var entry in _entries.Values)
            {
                if (!entry.InFlight && (next is null || entry.Due < next))
                {
                    next = entry.Due;
                }
            }

            return next;
        }
    }

    public DateTimeOffset? DueOf(string name)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(name, out var entry) ? entry.Due : null;
        }
    }

    private sealed class Entry
    {
        public DateTimeOffset Due { get; set; }

        public int ConsecutiveFailures { get; set; }

        public bool InFlight { get; set; }
    }
}

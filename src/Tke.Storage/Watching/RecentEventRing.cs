namespace Tke.Storage.Watching;

/// <summary>
/// The latest events in revision order, in a fixed-size circular buffer. It holds every
/// published event with revision above <see cref="CoveredAfter"/>. Not thread-safe; the hub locks.
/// </summary>
internal sealed class RecentEventRing(int capacity, long startRevision)
{
    private readonly WatchEvent[] _items = new WatchEvent[Math.Max(0, capacity)];
    private int _head;
    private int _count;

    /// <summary>Every published event with a revision above this one is in the ring.</summary>
    public long CoveredAfter { get; private set; } = startRevision;

    public bool Covers(long afterRevision) => afterRevision >= CoveredAfter;

    public void Append(IReadOnlyList<WatchEvent> events)
    {
        if (_items.Length == 0)
        {
            if (events.Count > 0)
            {
                CoveredAfter = events[^1].Revision;
            }

            return;
        }

        foreach (var e in events)
        {
            if (_count == _items.Length)
            {
                CoveredAfter = _items[_head].Revision;
                _items[_head] = null!;
                _head = (_head + 1) % _items.Length;
                _count--;
            }

            _items[(_head + _count) % _items.Length] = e;
            _count++;
        }
    }

    /// <summary>Events with revision above <paramref name="afterRevision"/> whose key starts with the prefix.</summary>
    public List<WatchEvent> Since(long afterRevision, string prefix)
    {
        // Binary search for the first event newer than afterRevision; events are in revision order.
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (At(mid).Revision <= afterRevision)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        var result = new List<WatchEvent>(_count - lo);
        for (var i = lo; i < _count; i++)
        {
            var e = At(i);
            if (e.Kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            {
                result.Add(e);
            }
        }

        return result;
    }

    private WatchEvent At(int index) => _items[(_head + index) % _items.Length];
}

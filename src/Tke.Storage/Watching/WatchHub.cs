using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Tke.Storage.Watching;

/// <summary>
/// In-memory fan-out of committed changes to watchers, independent of the storage backend.
/// The backend publishes each commit's events in revision order; a dispatcher task hands
/// them to every watcher whose prefix matches, through a bounded buffer per watcher so a
/// slow watcher is closed with <see cref="WatchOverflowException"/> instead of slowing
/// writers. A watcher starting at an older revision is first served from a ring of recent
/// events, or from the backend's <see cref="IWatchHistory"/> when the ring does not reach back far enough.
/// </summary>
public sealed class WatchHub : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly RecentEventRing _recent;
    private readonly int _watcherBufferCapacity;
    private readonly Channel<WatchEvent[]> _published = Channel.CreateUnbounded<WatchEvent[]>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _dispatcher;

    // Copy-on-write so the dispatcher fans out without holding the lock.
    private PrefixGroup[] _groups = [];
    private long _lastRevision;
    private bool _closed;

    /// <param name="startRevision">The backend's revision when the hub starts; later events are published.</param>
    public WatchHub(long startRevision, WatchHubOptions? options = null)
    {
        options ??= new WatchHubOptions();
        _recent = new RecentEventRing(options.RecentEventCapacity, startRevision);
        _watcherBufferCapacity = options.WatcherBufferCapacity;
        _lastRevision = startRevision;
        _dispatcher = Task.Run(DispatchLoopAsync);
    }

    /// <summary>The newest revision handed to watchers.</summary>
    public long DispatchedRevision
    {
        get
        {
            lock (_gate)
            {
                return _lastRevision;
            }
        }
    }

    public int WatcherCount
    {
        get
        {
            var count = 0;
            foreach (var group in Volatile.Read(ref _groups))
            {
                count += group.Subscribers.Length;
            }

            return count;
        }
    }

    /// <summary>
    /// Publishes one commit's events, in revision order, after they are durable. Must be called
    /// in commit order. Returns at once; delivery happens on the dispatcher.
    /// </summary>
    public void Publish(WatchEvent[] events)
    {
        if (events.Length > 0)
        {
            _published.Writer.TryWrite(events);
        }
    }

    /// <summary>
    /// Every change under <paramref name="prefix"/> after <paramref name="afterRevision"/>: history
    /// first, then live events, with no gap and no duplicate at the handover.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(
        string prefix,
        long afterRevision,
        IWatchHistory history,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(history);
        history.EnsureAvailable(afterRevision);

        // Subscribing before reading history means every event after `Through` arrives live,
        // and every event up to it is committed and therefore in the history.
        var start = Subscribe(prefix, afterRevision);
        try
        {
            if (start.NeedsHistory)
            {
                await foreach (var e in history.ReadAsync(prefix, afterRevision, start.Through, cancellationToken).ConfigureAwait(false))
                {
                    yield return e;
                }
            }
            else
            {
                foreach (var e in start.Backlog)
                {
                    yield return e;
                }
            }

            var last = Math.Max(afterRevision, start.Through);
            var reader = start.Subscriber.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var e))
                {
                    if (e.Revision > last)
                    {
                        last = e.Revision;
                        yield return e;
                    }
                }
            }
        }
        finally
        {
            Unsubscribe(start.Subscriber);
        }
    }

    /// <summary>Delivers what was already published, then ends every watch stream.</summary>
    public async ValueTask DisposeAsync()
    {
        _published.Writer.TryComplete();
        await _dispatcher.ConfigureAwait(false);
    }

    private StartPoint Subscribe(string prefix, long afterRevision)
    {
        var subscriber = new WatchSubscriber(prefix, _watcherBufferCapacity);
        lock (_gate)
        {
            if (_closed)
            {
                subscriber.Close();
                return new StartPoint(subscriber, [], _lastRevision, NeedsHistory: false);
            }

            _groups = WithSubscriber(_groups, subscriber);
            var through = _lastRevision;
            if (afterRevision >= through)
            {
                return new StartPoint(subscriber, [], through, NeedsHistory: false);
            }

            if (_recent.Covers(afterRevision))
            {
                return new StartPoint(subscriber, _recent.Since(afterRevision, prefix), through, NeedsHistory: false);
            }

            return new StartPoint(subscriber, [], through, NeedsHistory: true);
        }
    }

    private void Unsubscribe(WatchSubscriber subscriber)
    {
        subscriber.Close();
        lock (_gate)
        {
            _groups = WithoutSubscriber(_groups, subscriber);
        }
    }

    private async Task DispatchLoopAsync()
    {
        var reader = _published.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                // Commits that queued up while the last ones were dispatched go out together,
                // so a busy store wakes each watcher less often.
                var pending = new List<WatchEvent>();
                while (reader.TryRead(out var events))
                {
                    pending.AddRange(events);
                }

                if (pending.Count > 0)
                {
                    Dispatch([.. pending]);
                }
            }
        }
        finally
        {
            CloseAll();
        }
    }

    private void Dispatch(WatchEvent[] events)
    {
        PrefixGroup[] groups;
        lock (_gate)
        {
            _recent.Append(events);
            _lastRevision = events[^1].Revision;
            groups = _groups;
        }

        List<WatchSubscriber>? overflowed = null;
        foreach (var group in groups)
        {
            var forGroup = Matching(events, group.Prefix);
            if (forGroup.Length == 0)
            {
                continue;
            }

            // All of a commit's events go to one watcher before the next, so a woken watcher
            // usually finds the whole commit waiting instead of being woken once per event.
            foreach (var subscriber in group.Subscribers)
            {
                foreach (var e in forGroup)
                {
                    if (!subscriber.Offer(e))
                    {
                        (overflowed ??= []).Add(subscriber);
                        break;
                    }
                }
            }
        }

        if (overflowed is not null)
        {
            lock (_gate)
            {
                foreach (var subscriber in overflowed)
                {
                    _groups = WithoutSubscriber(_groups, subscriber);
                }
            }
        }
    }

    private static WatchEvent[] Matching(WatchEvent[] events, string prefix)
    {
        if (prefix.Length == 0)
        {
            return events;
        }

        var count = 0;
        foreach (var e in events)
        {
            if (e.Kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            {
                count++;
            }
        }

        if (count == events.Length)
        {
            return events;
        }

        var matching = new WatchEvent[count];
        count = 0;
        foreach (var e in events)
        {
            if (e.Kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            {
                matching[count++] = e;
            }
        }

        return matching;
    }

    private void CloseAll()
    {
        PrefixGroup[] groups;
        lock (_gate)
        {
            _closed = true;
            groups = _groups;
            _groups = [];
        }

        foreach (var group in groups)
        {
            foreach (var subscriber in group.Subscribers)
            {
                subscriber.Close();
            }
        }
    }

    private static PrefixGroup[] WithSubscriber(PrefixGroup[] groups, WatchSubscriber subscriber)
    {
        for (var i = 0; i < groups.Length; i++)
        {
            if (groups[i].Prefix == subscriber.Prefix)
            {
                var copy = (PrefixGroup[])groups.Clone();
                copy[i] = new PrefixGroup(subscriber.Prefix, [.. groups[i].Subscribers, subscriber]);
                return copy;
            }
        }

        return [.. groups, new PrefixGroup(subscriber.Prefix, [subscriber])];
    }

    private static PrefixGroup[] WithoutSubscriber(PrefixGroup[] groups, WatchSubscriber subscriber)
    {
        for (var i = 0; i < groups.Length; i++)
        {
            var index = Array.IndexOf(groups[i].Subscribers, subscriber);
            if (index < 0)
            {
                continue;
            }

            var remaining = groups[i].Subscribers.Where(s => s != subscriber).ToArray();
            if (remaining.Length == 0)
            {
                return groups.Where((_, j) => j != i).ToArray();
            }

            var copy = (PrefixGroup[])groups.Clone();
            copy[i] = new PrefixGroup(subscriber.Prefix, remaining);
            return copy;
        }

        return groups;
    }

    /// <summary>Watchers sharing a prefix, so the prefix test runs once per event for all of them.</summary>
    private sealed record PrefixGroup(string Prefix, WatchSubscriber[] Subscribers);

    private readonly record struct StartPoint(WatchSubscriber Subscriber, IReadOnlyList<WatchEvent> Backlog, long Through, bool NeedsHistory);
}

using System.Runtime.CompilerServices;
using Tke.Storage.Watching;

namespace Tke.Storage.Tests.Watching;

public sealed class WatchHubTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_watcher_within_the_recent_window_is_served_from_memory()
    {
        await using var hub = new WatchHub(0, new WatchHubOptions { RecentEventCapacity = 10 });
        var history = new RecordingHistory();
        PublishRange(hub, 1, 20);
        await WaitDispatchedAsync(hub, 20);

        using var deadline = new CancellationTokenSource(Patience);
        await using var watch = hub.WatchAsync("k/", 12, history, deadline.Token).GetAsyncEnumerator();
        var events = await TakeAsync(watch, 8);

        Assert.Equal(Enumerable.Range(13, 8).Select(r => (long)r), events.Select(e => e.Revision));
        Assert.Empty(history.Reads);
    }

    [Fact]
    public async Task A_watcher_behind_the_recent_window_reads_history_up_to_the_handover_then_live_events()
    {
        await using var hub = new WatchHub(0, new WatchHubOptions { RecentEventCapacity = 10 });
        var history = new RecordingHistory();
        PublishRange(hub, 1, 20);
        await WaitDispatchedAsync(hub, 20);

        using var deadline = new CancellationTokenSource(Patience);
        await using var watch = hub.WatchAsync("k/", 3, history, deadline.Token).GetAsyncEnumerator();
        var replayed = await TakeAsync(watch, 17);
        PublishRange(hub, 21, 25);
        var live = await TakeAsync(watch, 5);

        Assert.Equal([(3L, 20L)], history.Reads);
        Assert.Equal(Enumerable.Range(4, 22).Select(r => (long)r), replayed.Concat(live).Select(e => e.Revision));
    }

    [Fact]
    public async Task Live_events_are_filtered_by_prefix_and_revision()
    {
        await using var hub = new WatchHub(100);
        using var deadline = new CancellationTokenSource(Patience);
        await using var watch = hub.WatchAsync("a/", 102, new RecordingHistory(), deadline.Token).GetAsyncEnumerator();
        var first = watch.MoveNextAsync();

        hub.Publish([Put("a/1", 101), Put("ab/1", 102), Put("a/2", 103)]);
        hub.Publish([Put("b/1", 104), Put("a", 105), Put("a/3", 106)]);

        Assert.True(await first);
        Assert.Equal(("a/2", 103L), (watch.Current.Kv.Key, watch.Current.Revision));
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(("a/3", 106L), (watch.Current.Kv.Key, watch.Current.Revision));
    }

    [Fact]
    public async Task A_full_buffer_closes_only_that_watcher_with_overflow()
    {
        await using var hub = new WatchHub(0, new WatchHubOptions { WatcherBufferCapacity = 4 });
        using var deadline = new CancellationTokenSource(Patience);
        await using var slow = hub.WatchAsync("", 0, new RecordingHistory(), deadline.Token).GetAsyncEnumerator();
        await using var other = hub.WatchAsync("", 0, new RecordingHistory(), deadline.Token).GetAsyncEnumerator();
        var slowFirst = slow.MoveNextAsync();
        var otherFirst = other.MoveNextAsync();

        for (var r = 1; r <= 10; r++)
        {
            hub.Publish([Put("k", r)]);
            Assert.True(await (r == 1 ? otherFirst : other.MoveNextAsync()));
            Assert.Equal(r, other.Current.Revision);
        }

        Assert.True(await slowFirst);
        await Assert.ThrowsAsync<WatchOverflowException>(async () =>
        {
            while (await slow.MoveNextAsync())
            {
            }
        });
        Assert.Equal(1, hub.WatcherCount);
    }

    [Fact]
    public async Task Disposing_the_hub_delivers_what_was_published_then_ends_every_watch()
    {
        var hub = new WatchHub(0);
        using var deadline = new CancellationTokenSource(Patience);
        await using var watch = hub.WatchAsync("", 0, new RecordingHistory(), deadline.Token).GetAsyncEnumerator();
        var first = watch.MoveNextAsync();
        PublishRange(hub, 1, 3);

        await hub.DisposeAsync();

        Assert.True(await first);
        Assert.True(await watch.MoveNextAsync());
        Assert.True(await watch.MoveNextAsync());
        Assert.False(await watch.MoveNextAsync());
        Assert.Equal(0, hub.WatcherCount);
    }

    [Fact]
    public async Task EnsureAvailable_failures_surface_on_the_first_MoveNext()
    {
        await using var hub = new WatchHub(0);
        var enumerable = hub.WatchAsync("", 0, new RecordingHistory { Compacted = 5 });
        await using var watch = enumerable.GetAsyncEnumerator();

        await Assert.ThrowsAsync<RevisionCompactedException>(async () => await watch.MoveNextAsync());
        Assert.Equal(0, hub.WatcherCount);
    }

    private static WatchEvent Put(string key, long revision) =>
        new(WatchEventType.Put, new KeyValue(key, new byte[] { 1 }, revision, revision), null);

    private static void PublishRange(WatchHub hub, long from, long through)
    {
        for (var r = from; r <= through; r++)
        {
            hub.Publish([Put($"k/{r}", r)]);
        }
    }

    private static async Task WaitDispatchedAsync(WatchHub hub, long revision)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (hub.DispatchedRevision < revision)
        {
            await Task.Delay(1, deadline.Token);
        }
    }

    private static async Task<List<WatchEvent>> TakeAsync(IAsyncEnumerator<WatchEvent> watch, int count)
    {
        var events = new List<WatchEvent>();
        while (events.Count < count)
        {
            Assert.True(await watch.MoveNextAsync());
            events.Add(watch.Current);
        }

        return events;
    }

    /// <summary>A history holding one put per revision under "k/", recording what was asked of it.</summary>
    private sealed class RecordingHistory : IWatchHistory
    {
        public long Compacted { get; init; }

        public List<(long After, long Through)> Reads { get; } = [];

        public void EnsureAvailable(long afterRevision)
        {
            if (afterRevision < Compacted)
            {
                throw new RevisionCompactedException(afterRevision + 1, Compacted);
            }
        }

        public async IAsyncEnumerable<WatchEvent> ReadAsync(string prefix, long afterRevision, long throughRevision, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Reads.Add((afterRevision, throughRevision));
            await Task.Yield();
            for (var r = afterRevision + 1; r <= throughRevision; r++)
            {
                var e = Put($"k/{r}", r);
                if (e.Kv.Key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    yield return e;
                }
            }
        }
    }
}

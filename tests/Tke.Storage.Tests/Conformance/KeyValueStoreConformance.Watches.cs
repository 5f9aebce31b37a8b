namespace Tke.Storage.Tests.Conformance;

public abstract partial class KeyValueStoreConformance
{
    /// <summary>A write made by a test, to compare against the events a watcher receives.</summary>
    protected sealed record Change(long Revision, WatchEventType Type, string Key, string? Value);

    /// <summary>
    /// A deterministic mix of creates, updates and deletes over a few keys under
    /// <paramref name="prefix"/>, returning each successful write in order.
    /// </summary>
    protected static async Task<List<Change>> ChurnAsync(IKeyValueStore store, string prefix, int writes, int seed)
    {
        var changes = new List<Change>(writes);
        for (var i = 0; i < writes; i++)
        {
            var key = $"{prefix}{(i * 7 + seed) % 13:D2}";
            var value = $"{seed}-{i}";
            var existing = await store.GetAsync(key);
            WriteResult result;
            WatchEventType type;
            if (existing is null)
            {
                result = await store.CreateAsync(key, Bytes(value));
                type = WatchEventType.Put;
            }
            else if (i % 5 == 0)
            {
                result = await store.DeleteAsync(key, existing.ModRevision);
                type = WatchEventType.Delete;
                value = null;
            }
            else
            {
                result = await store.UpdateAsync(key, Bytes(value), existing.ModRevision);
                type = WatchEventType.Put;
            }

            Assert.True(result.Succeeded, $"{key}: {result.Outcome}");
            changes.Add(new Change(result.Revision, type, key, value));
        }

        return changes;
    }

    protected static void AssertEventsMatch(IEnumerable<Change> expected, IReadOnlyList<WatchEvent> events)
    {
        var want = expected.ToList();
        Assert.Equal(want.Select(c => c.Revision), events.Select(e => e.Revision));
        for (var i = 0; i < want.Count; i++)
        {
            Assert.Equal(want[i].Type, events[i].Type);
            Assert.Equal(want[i].Key, events[i].Kv.Key);
            if (want[i].Value is { } value)
            {
                Assert.Equal(value, Text(events[i].Kv));
            }
        }
    }

    [Fact]
    public async Task Watch_delivers_creates_updates_and_deletes_in_order_with_previous_values()
    {
        var store = await NewStoreAsync();
        var start = store.CurrentRevision;
        using var deadline = Deadline();
        await using var watch = store.WatchAsync("w/", start, deadline.Token).GetAsyncEnumerator();

        var created = await store.CreateAsync("w/a", Bytes("1"));
        var updated = await store.UpdateAsync("w/a", Bytes("2"), created.Revision);
        var other = await store.CreateAsync("w/b", Bytes("x"));
        var deleted = await store.DeleteAsync("w/a", updated.Revision);

        var events = await TakeAsync(watch, 4);

        Assert.Equal([created.Revision, updated.Revision, other.Revision, deleted.Revision], events.Select(e => e.Revision));

        var create = events[0];
        Assert.Equal(WatchEventType.Put, create.Type);
        Assert.True(create.IsCreate);
        Assert.Null(create.PrevKv);
        Assert.Equal(("w/a", "1", created.Revision, created.Revision), (create.Kv.Key, Text(create.Kv), create.Kv.CreateRevision, create.Kv.ModRevision));

        var update = events[1];
        Assert.Equal(WatchEventType.Put, update.Type);
        Assert.False(update.IsCreate);
        Assert.Equal(("w/a", "2", created.Revision, updated.Revision), (update.Kv.Key, Text(update.Kv), update.Kv.CreateRevision, update.Kv.ModRevision));
        Assert.Equal(("1", created.Revision), (Text(update.PrevKv!), update.PrevKv!.ModRevision));

        Assert.True(events[2].IsCreate);
        Assert.Equal("w/b", events[2].Kv.Key);

        var delete = events[3];
        Assert.Equal(WatchEventType.Delete, delete.Type);
        Assert.False(delete.IsCreate);
        Assert.Equal("w/a", delete.Kv.Key);
        Assert.Equal(deleted.Revision, delete.Kv.ModRevision);
        Assert.Equal("2", Text(delete.Kv));
        Assert.Equal(("2", updated.Revision), (Text(delete.PrevKv!), delete.PrevKv!.ModRevision));
    }

    [Fact]
    public async Task Watch_resumes_from_a_revision_with_history_then_live_changes_without_gaps_or_duplicates()
    {
        var store = await NewStoreAsync();
        var history = new List<Change>();
        history.AddRange(await ChurnAsync(store, "h/", 60, seed: 1));
        await ChurnAsync(store, "noise/", 20, seed: 2);
        history.AddRange(await ChurnAsync(store, "h/", 60, seed: 3));
        var fromEarly = history[4].Revision;
        var fromRecent = history[^3].Revision;
        var fromNow = store.CurrentRevision;

        using var deadline = Deadline();
        var live = Task.Run(async () =>
        {
            var changes = new List<Change>();
            for (var round = 0; round < 10; round++)
            {
                changes.AddRange(await ChurnAsync(store, "h/", 25, seed: 10 + round));
                await ChurnAsync(store, "noise/", 3, seed: round);
            }

            return changes;
        });

        var watchers = new[] { 0L, fromEarly, fromRecent, fromNow }.Select(from => Task.Run(async () =>
        {
            await Task.Delay(5);
            await using var watch = store.WatchAsync("h/", from, deadline.Token).GetAsyncEnumerator();
            var first = await TakeAsync(watch, 1);
            var rest = await TakeThroughAsync(watch, (await live)[^1].Revision);
            return (from, events: first.Concat(rest).ToList());
        })).ToArray();

        var written = history.Concat(await live.WaitAsync(Patience)).ToList();
        foreach (var (from, events) in await Task.WhenAll(watchers).WaitAsync(Patience))
        {
            AssertEventsMatch(written.Where(c => c.Revision > from), events);
        }
    }

    [Fact]
    public async Task Watch_only_delivers_keys_under_its_prefix()
    {
        var store = await NewStoreAsync();
        using var deadline = Deadline();
        await using var watch = store.WatchAsync("a/", store.CurrentRevision, deadline.Token).GetAsyncEnumerator();

        foreach (var key in new[] { "ab/1", "a", "b/a/1", "a/1", "a0", "a.", "A/1", "a/2/x", "ab", "a/\U0001F600", "a/zz" })
        {
            await store.CreateAsync(key, Bytes(key));
        }

        var last = (await store.GetAsync("a/zz"))!.ModRevision;
        var events = await TakeThroughAsync(watch, last);

        Assert.Equal(["a/1", "a/2/x", "a/\U0001F600", "a/zz"], events.Select(e => e.Kv.Key));
    }

    [Fact]
    public async Task Watch_from_the_current_revision_delivers_only_new_changes()
    {
        var store = await NewStoreAsync();
        await ChurnAsync(store, "n/", 20, seed: 1);
        using var deadline = Deadline();
        await using var watch = store.WatchAsync("n/", store.CurrentRevision, deadline.Token).GetAsyncEnumerator();
        var pending = watch.MoveNextAsync();

        var created = await store.CreateAsync("n/new", Bytes("v"));

        Assert.True(await pending);
        Assert.Equal(created.Revision, watch.Current.Revision);
        Assert.Equal("n/new", watch.Current.Kv.Key);
    }

    [Fact]
    public async Task Watch_started_right_after_a_write_sees_it_exactly_once()
    {
        var store = await NewStoreAsync();
        using var deadline = Deadline();
        for (var i = 0; i < 25; i++)
        {
            var created = await store.CreateAsync($"race/{i}", Bytes("v"));

            // Starting just before the write's revision must replay it; starting at it must not.
            await using var before = store.WatchAsync("race/", created.Revision - 1, deadline.Token).GetAsyncEnumerator();
            await using var at = store.WatchAsync("race/", created.Revision, deadline.Token).GetAsyncEnumerator();
            var beforeFirst = before.MoveNextAsync();
            var atFirst = at.MoveNextAsync();
            var next = await store.UpdateAsync($"race/{i}", Bytes("w"), created.Revision);

            Assert.True(await beforeFirst);
            Assert.Equal(created.Revision, before.Current.Revision);
            Assert.True(await before.MoveNextAsync());
            Assert.Equal(next.Revision, before.Current.Revision);
            Assert.True(await atFirst);
            Assert.Equal(next.Revision, at.Current.Revision);
        }
    }

    [Fact]
    public async Task Cancelling_a_watch_ends_it()
    {
        var store = await NewStoreAsync();
        using var cancel = new CancellationTokenSource();
        await using var watch = store.WatchAsync("", store.CurrentRevision, cancel.Token).GetAsyncEnumerator();
        var pending = watch.MoveNextAsync();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pending.AsTask().WaitAsync(Patience));
    }

    [Fact]
    public async Task A_watcher_that_falls_behind_is_closed_with_overflow_without_slowing_writers_or_other_watchers()
    {
        var store = await NewStoreAsync(new ConformanceStoreSettings(WatcherBufferCapacity: 16));
        var start = store.CurrentRevision;
        using var deadline = Deadline();
        await using var slow = store.WatchAsync("o/", start, deadline.Token).GetAsyncEnumerator();
        await using var fast = store.WatchAsync("o/", start, deadline.Token).GetAsyncEnumerator();
        var slowFirst = slow.MoveNextAsync();

        // The fast watcher reads each event before the next write, so it never falls behind.
        var written = new List<long>();
        for (var i = 0; i < 300; i++)
        {
            var created = await store.CreateAsync($"o/{i:D3}", Bytes("v")).AsTask().WaitAsync(Patience);
            written.Add(created.Revision);
            Assert.True(await fast.MoveNextAsync());
            Assert.Equal(created.Revision, fast.Current.Revision);
        }

        Assert.True(await slowFirst);
        var received = new List<long> { slow.Current.Revision };
        await Assert.ThrowsAsync<WatchOverflowException>(async () =>
        {
            while (await slow.MoveNextAsync())
            {
                received.Add(slow.Current.Revision);
            }
        });
        Assert.True(received.Count < written.Count);
        Assert.Equal(written.Take(received.Count), received);
    }
}

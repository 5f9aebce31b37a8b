using System.Text;

namespace Tke.Storage.Tests.Conformance;

public abstract partial class KeyValueStoreConformance
{
    [Fact]
    public async Task Compaction_discards_old_revisions_and_keeps_the_current_state()
    {
        var store = await NewStoreAsync();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 5; i++)
            {
                await PutAsync(store, $"c/{i}", $"v{round}");
            }
        }

        await DeleteAsync(store, "c/4");
        await PutAsync(store, "gone", "soon deleted");
        await DeleteAsync(store, "gone");
        var compactAt = store.CurrentRevision;
        var update = await PutAsync(store, "c/0", "after");
        var create = await PutAsync(store, "c/5", "new");

        await store.CompactAsync(compactAt);

        Assert.Equal(compactAt, store.CompactedRevision);
        var below = await Assert.ThrowsAsync<RevisionCompactedException>(async () => await store.RangeAsync("c/", null, 0, compactAt - 1));
        Assert.Equal(compactAt - 1, below.Requested);
        Assert.Equal(compactAt, below.Compacted);
        await Assert.ThrowsAsync<RevisionCompactedException>(async () => await store.RangeAsync("c/", null, 0, compactAt));

        var justAfter = await store.RangeAsync("", null, 0, compactAt + 1);
        Assert.Equal(["c/0=after", "c/1=v2", "c/2=v2", "c/3=v2"], justAfter.Items.Select(kv => $"{kv.Key}={Text(kv)}"));
        var now = await store.RangeAsync("", null, 0, 0);
        Assert.Equal(["c/0=after", "c/1=v2", "c/2=v2", "c/3=v2", "c/5=new"], now.Items.Select(kv => $"{kv.Key}={Text(kv)}"));
        Assert.Equal("v2", Text((await store.GetAsync("c/3"))!));
        Assert.Null(await store.GetAsync("gone"));
        Assert.Equal(5, await store.CountAsync(""));

        using var deadline = Deadline();
        await using (var stale = store.WatchAsync("c/", compactAt - 1, deadline.Token).GetAsyncEnumerator())
        {
            await Assert.ThrowsAsync<RevisionCompactedException>(async () => await stale.MoveNextAsync());
        }

        await using var watch = store.WatchAsync("c/", compactAt, deadline.Token).GetAsyncEnumerator();
        var events = await TakeAsync(watch, 2);
        Assert.Equal([update.ModRevision, create.ModRevision], events.Select(e => e.Revision));
        Assert.Equal("v2", Text(events[0].PrevKv!));
        Assert.True(events[0].PrevKv!.ModRevision <= compactAt);
        Assert.True(events[1].IsCreate);
    }

    [Fact]
    public async Task Compacting_again_at_an_older_revision_changes_nothing()
    {
        var store = await NewStoreAsync();
        await ChurnAsync(store, "x/", 30, seed: 1);
        var first = store.CurrentRevision;
        await ChurnAsync(store, "x/", 30, seed: 2);
        await store.CompactAsync(first);

        await store.CompactAsync(first - 5);
        await store.CompactAsync(first);

        Assert.Equal(first, store.CompactedRevision);
        Assert.NotEmpty((await store.RangeAsync("x/", null, 0, first + 1)).Items);
    }

    [Fact]
    public async Task Compacting_a_future_revision_throws_FutureRevisionException()
    {
        var store = await NewStoreAsync();
        await store.CreateAsync("k", Bytes("v"));

        await Assert.ThrowsAsync<FutureRevisionException>(async () => await store.CompactAsync(store.CurrentRevision + 1));
        Assert.Equal(0, store.CompactedRevision);
    }

    [Fact]
    public async Task Repeated_compactions_keep_every_revision_above_the_latest_readable()
    {
        var store = await NewStoreAsync();
        var checkpoints = new List<(long Revision, string State)>();
        for (var step = 0; step < 6; step++)
        {
            await ChurnAsync(store, "m/", 20, seed: step);
            var range = await store.RangeAsync("m/", null, 0, 0);
            checkpoints.Add((range.Revision, Describe(range)));
        }

        for (var i = 0; i < checkpoints.Count - 1; i++)
        {
            await store.CompactAsync(checkpoints[i].Revision);
            foreach (var (revision, state) in checkpoints.Skip(i + 1))
            {
                Assert.Equal(state, Describe(await store.RangeAsync("m/", null, 0, revision)));
            }

            await Assert.ThrowsAsync<RevisionCompactedException>(async () => await store.RangeAsync("m/", null, 0, checkpoints[i].Revision));
        }

        static string Describe(RangeResult range) =>
            string.Join(",", range.Items.Select(kv => $"{kv.Key}@{kv.CreateRevision}/{kv.ModRevision}={Encoding.UTF8.GetString(kv.Value.Span)}"));
    }
}

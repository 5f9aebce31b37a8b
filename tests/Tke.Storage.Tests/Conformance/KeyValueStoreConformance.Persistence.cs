namespace Tke.Storage.Tests.Conformance;

public abstract partial class KeyValueStoreConformance
{
    [Fact]
    public async Task Reopening_keeps_values_history_and_the_revision()
    {
        var store = await NewStoreAsync();
        var early = await ChurnAsync(store, "r/", 30, seed: 1);
        var middle = store.CurrentRevision;
        var late = await ChurnAsync(store, "r/", 30, seed: 2);
        var before = await store.RangeAsync("r/", null, 0, 0);
        var atMiddle = await store.RangeAsync("r/", null, 0, middle);

        store = await ReopenAsync(store);

        Assert.Equal(before.Revision, store.CurrentRevision);
        Assert.Equal(Describe(before), Describe(await store.RangeAsync("r/", null, 0, 0)));
        Assert.Equal(Describe(atMiddle), Describe(await store.RangeAsync("r/", null, 0, middle)));

        using var deadline = Deadline();
        await using var watch = store.WatchAsync("r/", early[9].Revision, deadline.Token).GetAsyncEnumerator();
        var replayed = await TakeThroughAsync(watch, late[^1].Revision);
        AssertEventsMatch(early.Concat(late).Where(c => c.Revision > early[9].Revision), replayed);

        var next = await store.CreateAsync("r/after-restart", Bytes("v"));
        Assert.True(next.Revision > before.Revision);

        static string Describe(RangeResult range) =>
            string.Join(",", range.Items.Select(kv => $"{kv.Key}@{kv.CreateRevision}/{kv.ModRevision}={Text(kv)}"));
    }

    [Fact]
    public async Task The_revision_never_goes_back_even_after_deleting_everything_and_compacting()
    {
        var store = await NewStoreAsync();
        for (var i = 0; i < 5; i++)
        {
            await store.CreateAsync($"d/{i}", Bytes("v"));
        }

        for (var i = 0; i < 5; i++)
        {
            await store.DeleteAsync($"d/{i}", 0);
        }

        var last = store.CurrentRevision;
        await store.CompactAsync(last);

        store = await ReopenAsync(store);

        Assert.Equal(last, store.CurrentRevision);
        Assert.Equal(last, store.CompactedRevision);
        Assert.Equal(0, await store.CountAsync(""));
        await Assert.ThrowsAsync<RevisionCompactedException>(async () => await store.RangeAsync("", null, 0, last));
        var created = await store.CreateAsync("d/0", Bytes("again"));
        Assert.True(created.Revision > last);
        Assert.Equal(created.Revision, (await store.GetAsync("d/0"))!.CreateRevision);
    }
}

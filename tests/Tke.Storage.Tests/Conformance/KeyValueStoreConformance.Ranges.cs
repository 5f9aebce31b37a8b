namespace Tke.Storage.Tests.Conformance;

public abstract partial class KeyValueStoreConformance
{
    private static readonly string[] OrderingKeys =
    [
        "a", "a.", "a/", "a/b", "a/b/c", "a/z", "a/\u00e9", "a/\uffff", "a/\U0001F600", "a/\U0010FFFF",
        "a0", "ab/x", "a\uffff", "a\U0001F600", "b/1", "\U0010FFFF",
    ];

    [Fact]
    public async Task Range_returns_exactly_the_keys_under_the_prefix_in_byte_order()
    {
        var store = await NewStoreAsync();
        foreach (var key in OrderingKeys.Reverse())
        {
            await store.CreateAsync(key, Bytes(key));
        }

        foreach (var prefix in new[] { "", "a", "a/", "a/b", "ab/", "a\uffff", "a/\U0001F600", "\U0010FFFF", "c" })
        {
            var expected = OrderingKeys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            expected.Sort(CompareUtf8);

            var result = await store.RangeAsync(prefix, null, 0, 0);

            Assert.Equal(expected, result.Items.Select(kv => kv.Key));
            Assert.All(result.Items, kv => Assert.Equal(kv.Key, Text(kv)));
            Assert.False(result.More);
            Assert.Equal(store.CurrentRevision, result.Revision);
            Assert.Equal(expected.Count, await store.CountAsync(prefix));
        }
    }

    [Fact]
    public async Task Range_pages_with_startAfter_and_limit_and_reports_more()
    {
        var store = await NewStoreAsync();
        for (var i = 0; i < 20; i++)
        {
            await store.CreateAsync($"p/{i:D3}", Bytes($"{i}"));
        }

        await store.CreateAsync("p", Bytes("not under p/"));
        await store.CreateAsync("q/0", Bytes("after"));

        var first = await store.RangeAsync("p/", null, 7, 0);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"p/{i:D3}"), first.Items.Select(kv => kv.Key));
        Assert.True(first.More);

        var second = await store.RangeAsync("p/", first.Items[^1].Key, 7, 0);
        Assert.Equal(Enumerable.Range(7, 7).Select(i => $"p/{i:D3}"), second.Items.Select(kv => kv.Key));
        Assert.True(second.More);

        var third = await store.RangeAsync("p/", second.Items[^1].Key, 7, 0);
        Assert.Equal(Enumerable.Range(14, 6).Select(i => $"p/{i:D3}"), third.Items.Select(kv => kv.Key));
        Assert.False(third.More);

        // A page that ends exactly at the last key has nothing more.
        var exact = await store.RangeAsync("p/", "p/009", 10, 0);
        Assert.Equal(10, exact.Items.Count);
        Assert.False(exact.More);

        Assert.Equal(20, (await store.RangeAsync("p/", null, 0, 0)).Items.Count);
        Assert.Equal(20, (await store.RangeAsync("p/", "a", 0, 0)).Items.Count);
        Assert.Equal(["p/000", "p/001"], (await store.RangeAsync("p/", "p", 2, 0)).Items.Select(kv => kv.Key));
        Assert.Equal(["p/005"], (await store.RangeAsync("p/", "p/004x", 1, 0)).Items.Select(kv => kv.Key));
        Assert.Empty((await store.RangeAsync("p/", "p/019", 0, 0)).Items);
        Assert.Empty((await store.RangeAsync("p/", "q", 0, 0)).Items);
    }

    [Fact]
    public async Task Range_at_a_past_revision_sees_the_state_of_that_revision()
    {
        var store = await NewStoreAsync();
        await PutAsync(store, "s/1", "one");
        await PutAsync(store, "s/2", "two");
        await PutAsync(store, "s/3", "three");
        var atStart = store.CurrentRevision;

        await PutAsync(store, "s/1", "one-b");
        var afterUpdate = store.CurrentRevision;
        await DeleteAsync(store, "s/2");
        await PutAsync(store, "s/4", "four");
        await DeleteAsync(store, "s/3");
        await PutAsync(store, "s/3", "three-again");

        var old = await store.RangeAsync("s/", null, 0, atStart);
        Assert.Equal(atStart, old.Revision);
        Assert.Equal(["s/1=one", "s/2=two", "s/3=three"], old.Items.Select(kv => $"{kv.Key}={Text(kv)}"));

        var middle = await store.RangeAsync("s/", null, 0, afterUpdate);
        Assert.Equal(["s/1=one-b", "s/2=two", "s/3=three"], middle.Items.Select(kv => $"{kv.Key}={Text(kv)}"));
        Assert.Equal(afterUpdate, middle.Items[0].ModRevision);

        var now = await store.RangeAsync("s/", null, 0, 0);
        Assert.Equal(["s/1=one-b", "s/3=three-again", "s/4=four"], now.Items.Select(kv => $"{kv.Key}={Text(kv)}"));
        Assert.Equal(store.CurrentRevision, now.Revision);

        var explicitNow = await store.RangeAsync("s/", null, 0, store.CurrentRevision);
        Assert.Equal(now.Items.Select(kv => (kv.Key, kv.ModRevision)), explicitNow.Items.Select(kv => (kv.Key, kv.ModRevision)));

        var oldPage = await store.RangeAsync("s/", "s/1", 1, atStart);
        Assert.Equal(["s/2"], oldPage.Items.Select(kv => kv.Key));
        Assert.True(oldPage.More);
    }

    [Fact]
    public async Task Paging_at_a_fixed_revision_is_a_consistent_snapshot_while_writes_continue()
    {
        var store = await NewStoreAsync();
        for (var i = 0; i < 60; i++)
        {
            await store.CreateAsync($"snap/{i:D2}", Bytes($"original-{i}"));
        }

        await store.CreateAsync("snap-other", Bytes("x"));
        var first = await store.RangeAsync("snap/", null, 7, 0);
        var snapshot = first.Revision;

        using var stop = new CancellationTokenSource();
        var churn = Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested || n < 30)
            {
                var i = n % 60;
                switch (n % 3)
                {
                    case 0:
                        await PutAsync(store, $"snap/{i:D2}", $"changed-{n}");
                        break;
                    case 1:
                        await store.DeleteAsync($"snap/{i:D2}", 0);
                        break;
                    default:
                        await store.CreateAsync($"snap/{i:D2}x", Bytes("new"));
                        break;
                }

                n++;
            }

            return n;
        });

        var collected = new List<KeyValue>(first.Items);
        var page = first;
        while (page.More)
        {
            await Task.Delay(1);
            page = await store.RangeAsync("snap/", page.Items[^1].Key, 7, snapshot);
            Assert.Equal(snapshot, page.Revision);
            collected.AddRange(page.Items);
        }

        await stop.CancelAsync();
        var writes = await churn.WaitAsync(Patience);

        Assert.True(writes >= 30);
        Assert.True(store.CurrentRevision > snapshot);
        Assert.Equal(Enumerable.Range(0, 60).Select(i => $"snap/{i:D2}=original-{i}"), collected.Select(kv => $"{kv.Key}={Text(kv)}"));
        Assert.All(collected, kv => Assert.True(kv.ModRevision <= snapshot));
    }

    [Fact]
    public async Task Range_at_a_future_revision_throws_FutureRevisionException()
    {
        var store = await NewStoreAsync();
        await store.CreateAsync("k", Bytes("v"));

        var error = await Assert.ThrowsAsync<FutureRevisionException>(
            async () => await store.RangeAsync("", null, 0, store.CurrentRevision + 1));

        Assert.Equal(store.CurrentRevision + 1, error.Requested);
        Assert.Equal(store.CurrentRevision, error.Current);
    }

    [Fact]
    public async Task Count_counts_live_keys_under_a_prefix()
    {
        var store = await NewStoreAsync();
        Assert.Equal(0, await store.CountAsync(""));
        for (var i = 0; i < 12; i++)
        {
            await store.CreateAsync($"c/{i}", Bytes("v"));
        }

        await store.CreateAsync("c", Bytes("v"));
        await store.CreateAsync("cc/1", Bytes("v"));
        await store.DeleteAsync("c/3", 0);
        await store.DeleteAsync("c/4", 0);

        Assert.Equal(10, await store.CountAsync("c/"));
        Assert.Equal(12, await store.CountAsync("c"));
        Assert.Equal(12, await store.CountAsync(""));
        Assert.Equal(0, await store.CountAsync("d/"));
    }
}

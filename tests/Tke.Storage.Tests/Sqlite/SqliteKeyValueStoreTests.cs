using System.Text;
using Tke.Storage.Sqlite;

namespace Tke.Storage.Tests.Sqlite;

/// <summary>Behaviour specific to the SQLite backend, beyond the conformance suite.</summary>
public sealed class SqliteKeyValueStoreTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task A_database_cannot_be_opened_twice_at_once()
    {
        var path = _directory.File("kv.db");
        await using (var store = await SqliteKeyValueStore.OpenAsync(path))
        {
            await Assert.ThrowsAsync<IOException>(() => SqliteKeyValueStore.OpenAsync(path));
            await store.CreateAsync("k", Encoding.UTF8.GetBytes("v"));
        }

        await using var reopened = await SqliteKeyValueStore.OpenAsync(path);
        Assert.NotNull(await reopened.GetAsync("k"));
    }

    [Fact]
    public async Task Writes_and_reads_after_dispose_throw_ObjectDisposedException()
    {
        var store = await SqliteKeyValueStore.OpenAsync(_directory.File("kv.db"));
        await store.DisposeAsync();
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.CreateAsync("k", new byte[1]));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.GetAsync("k"));
    }

    [Fact]
    public async Task Disposing_the_store_commits_queued_writes_and_ends_watches()
    {
        var path = _directory.File("kv.db");
        var store = await SqliteKeyValueStore.OpenAsync(path);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var watch = store.WatchAsync("", 0, deadline.Token).GetAsyncEnumerator();
        var pending = watch.MoveNextAsync();
        var writes = Enumerable.Range(0, 50).Select(i => store.CreateAsync($"q/{i}", new byte[] { 1 }).AsTask()).ToArray();

        await store.DisposeAsync();

        Assert.All(await Task.WhenAll(writes), r => Assert.True(r.Succeeded));
        Assert.True(await pending);
        var seen = 1;
        while (await watch.MoveNextAsync())
        {
            seen++;
        }

        Assert.Equal(50, seen);
        await using var reopened = await SqliteKeyValueStore.OpenAsync(path);
        Assert.Equal(50, await reopened.CountAsync("q/"));
    }

    [Fact]
    public async Task Ended_watches_detach_from_the_store()
    {
        await using var store = await SqliteKeyValueStore.OpenAsync(_directory.File("kv.db"));
        using var cancel = new CancellationTokenSource();
        var watches = Enumerable.Range(0, 20).Select(_ => store.WatchAsync("p/", 0, cancel.Token).GetAsyncEnumerator()).ToList();
        var pending = watches.Select(w => w.MoveNextAsync().AsTask()).ToList();
        Assert.Equal(20, store.WatcherCount);

        await cancel.CancelAsync();
        foreach (var task in pending)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.WaitAsync(TimeSpan.FromSeconds(20)));
        }

        foreach (var watch in watches)
        {
            await watch.DisposeAsync();
        }

        Assert.Equal(0, store.WatcherCount);
    }

    [Fact]
    public async Task Many_watchers_on_one_prefix_all_receive_every_event_in_order()
    {
        await using var store = await SqliteKeyValueStore.OpenAsync(_directory.File("kv.db"));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var start = store.CurrentRevision;
        var watchers = Enumerable.Range(0, 1000).Select(_ => store.WatchAsync("fan/", start, deadline.Token).GetAsyncEnumerator()).ToList();
        var firsts = watchers.Select(w => w.MoveNextAsync().AsTask()).ToList();

        var written = new List<long>();
        var writes = Enumerable.Range(0, 100).Select(i => store.CreateAsync($"fan/{i:D3}", new byte[100]).AsTask()).ToArray();
        written.AddRange((await Task.WhenAll(writes)).Select(r => r.Revision).Order());

        var received = await Task.WhenAll(watchers.Select(async (w, i) =>
        {
            Assert.True(await firsts[i]);
            var revisions = new List<long> { w.Current.Revision };
            while (revisions.Count < written.Count && await w.MoveNextAsync())
            {
                revisions.Add(w.Current.Revision);
            }

            await w.DisposeAsync();
            return revisions;
        })).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.All(received, revisions => Assert.Equal(written, revisions));
    }

    public void Dispose() => _directory.Dispose();
}

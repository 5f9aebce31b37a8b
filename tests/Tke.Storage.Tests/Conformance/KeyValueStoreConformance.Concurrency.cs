using System.Collections.Concurrent;

namespace Tke.Storage.Tests.Conformance;

public abstract partial class KeyValueStoreConformance
{
    [Fact]
    public async Task Concurrent_updates_with_the_same_revision_have_exactly_one_winner_per_round()
    {
        var store = await NewStoreAsync();
        await store.CreateAsync("cas", Bytes("0"));
        const int contenders = 16;

        for (var round = 1; round <= 10; round++)
        {
            var current = (await store.GetAsync("cas"))!;
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var attempts = Enumerable.Range(0, contenders).Select(c => Task.Run(async () =>
            {
                await start.Task;
                return await store.UpdateAsync("cas", Bytes($"{round}:{c}"), current.ModRevision);
            })).ToArray();
            start.SetResult();
            var results = await Task.WhenAll(attempts).WaitAsync(Patience);

            var winners = results.Where(r => r.Succeeded).ToList();
            Assert.Single(winners);
            var winner = winners[0];
            Assert.All(results.Where(r => !r.Succeeded), r =>
            {
                Assert.Equal(WriteOutcome.Conflict, r.Outcome);
                Assert.Equal(winner.Revision, r.Current!.ModRevision);
                Assert.Equal(Text(winner.Current!), Text(r.Current));
            });
            Assert.Equal(Text(winner.Current!), Text((await store.GetAsync("cas"))!));
        }
    }

    [Fact]
    public async Task Concurrent_read_modify_write_loops_lose_no_update()
    {
        var store = await NewStoreAsync();
        await store.CreateAsync("counter", Bytes("0"));
        const int workers = 16;
        const int incrementsEach = 20;
        var successes = 0;
        var conflicts = 0;

        var loops = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            for (var done = 0; done < incrementsEach;)
            {
                var current = (await store.GetAsync("counter"))!;
                var next = int.Parse(Text(current)) + 1;
                var result = await store.UpdateAsync("counter", Bytes(next.ToString()), current.ModRevision);
                if (result.Succeeded)
                {
                    Interlocked.Increment(ref successes);
                    done++;
                }
                else
                {
                    Assert.Equal(WriteOutcome.Conflict, result.Outcome);
                    Interlocked.Increment(ref conflicts);
                }
            }
        })).ToArray();
        await Task.WhenAll(loops).WaitAsync(Patience);

        Assert.Equal(workers * incrementsEach, successes);
        Assert.Equal(successes.ToString(), Text((await store.GetAsync("counter"))!));
    }

    [Fact]
    public async Task Concurrent_creates_of_one_key_have_exactly_one_winner()
    {
        var store = await NewStoreAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            Task.Run(async () => await store.CreateAsync("once", Bytes($"{i}"))))).WaitAsync(Patience);

        var winner = Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r =>
        {
            Assert.Equal(WriteOutcome.AlreadyExists, r.Outcome);
            Assert.Equal(winner.Revision, r.Current!.ModRevision);
        });
        Assert.Equal(Text(winner.Current!), Text((await store.GetAsync("once"))!));
    }

    [Fact]
    public async Task Concurrent_writers_get_distinct_revisions_that_match_what_is_stored()
    {
        var store = await NewStoreAsync();
        var before = store.CurrentRevision;
        var written = new ConcurrentDictionary<string, long>();

        await Task.WhenAll(Enumerable.Range(0, 32).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                var key = $"many/{w:D2}/{i}";
                var result = await store.CreateAsync(key, Bytes(key));
                Assert.True(result.Succeeded);
                written[key] = result.Revision;
            }
        }))).WaitAsync(Patience);

        Assert.Equal(320, written.Values.Distinct().Count());
        Assert.All(written.Values, r => Assert.True(r > before && r <= store.CurrentRevision));
        var listed = await store.RangeAsync("many/", null, 0, 0);
        Assert.Equal(320, listed.Items.Count);
        Assert.All(listed.Items, kv => Assert.Equal(written[kv.Key], kv.ModRevision));
    }
}

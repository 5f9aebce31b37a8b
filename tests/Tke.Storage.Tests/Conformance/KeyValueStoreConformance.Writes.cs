namespace Tke.Storage.Tests.Conformance;

public abstract partial class KeyValueStoreConformance
{
    [Fact]
    public async Task Create_then_get_returns_the_value_with_create_and_mod_revision_set()
    {
        var store = await NewStoreAsync();
        var before = store.CurrentRevision;

        var created = await store.CreateAsync("things/one", Bytes("v1"));

        Assert.Equal(WriteOutcome.Succeeded, created.Outcome);
        Assert.True(created.Revision > before);
        Assert.Equal(created.Revision, store.CurrentRevision);
        Assert.Equal("things/one", created.Current!.Key);
        Assert.Equal("v1", Text(created.Current));
        Assert.Equal(created.Revision, created.Current.CreateRevision);
        Assert.Equal(created.Revision, created.Current.ModRevision);

        var read = await store.GetAsync("things/one");
        Assert.NotNull(read);
        Assert.Equal("v1", Text(read));
        Assert.Equal(created.Revision, read.CreateRevision);
        Assert.Equal(created.Revision, read.ModRevision);
    }

    [Fact]
    public async Task Get_of_a_missing_key_returns_null()
    {
        var store = await NewStoreAsync();
        await store.CreateAsync("things/one", Bytes("v1"));

        Assert.Null(await store.GetAsync("things/two"));
        Assert.Null(await store.GetAsync("things/on"));
        Assert.Null(await store.GetAsync("things/one/"));
    }

    [Fact]
    public async Task Create_of_an_existing_key_fails_with_AlreadyExists_and_the_current_value()
    {
        var store = await NewStoreAsync();
        var first = await store.CreateAsync("k", Bytes("first"));
        var revision = store.CurrentRevision;

        var second = await store.CreateAsync("k", Bytes("second"));

        Assert.Equal(WriteOutcome.AlreadyExists, second.Outcome);
        Assert.False(second.Succeeded);
        Assert.Equal("first", Text(second.Current!));
        Assert.Equal(first.Revision, second.Current!.ModRevision);
        Assert.Equal(revision, store.CurrentRevision);
        Assert.Equal("first", Text((await store.GetAsync("k"))!));
    }

    [Fact]
    public async Task Update_with_the_current_revision_replaces_the_value_and_keeps_the_create_revision()
    {
        var store = await NewStoreAsync();
        var created = await store.CreateAsync("k", Bytes("v1"));

        var updated = await store.UpdateAsync("k", Bytes("v2"), created.Revision);

        Assert.Equal(WriteOutcome.Succeeded, updated.Outcome);
        Assert.True(updated.Revision > created.Revision);
        Assert.Equal(created.Revision, updated.Current!.CreateRevision);
        Assert.Equal(updated.Revision, updated.Current.ModRevision);
        var read = await store.GetAsync("k");
        Assert.Equal("v2", Text(read!));
        Assert.Equal(created.Revision, read!.CreateRevision);
        Assert.Equal(updated.Revision, read.ModRevision);
    }

    [Fact]
    public async Task Update_with_a_stale_revision_conflicts_and_returns_the_current_value()
    {
        var store = await NewStoreAsync();
        var created = await store.CreateAsync("k", Bytes("v1"));
        var updated = await store.UpdateAsync("k", Bytes("v2"), created.Revision);
        var revision = store.CurrentRevision;

        var stale = await store.UpdateAsync("k", Bytes("v3"), created.Revision);

        Assert.Equal(WriteOutcome.Conflict, stale.Outcome);
        Assert.Equal("v2", Text(stale.Current!));
        Assert.Equal(updated.Revision, stale.Current!.ModRevision);
        Assert.Equal(revision, store.CurrentRevision);
        Assert.Equal("v2", Text((await store.GetAsync("k"))!));

        var retried = await store.UpdateAsync("k", Bytes("v3"), stale.Current.ModRevision);
        Assert.True(retried.Succeeded);
    }

    [Fact]
    public async Task Update_of_a_missing_key_is_NotFound()
    {
        var store = await NewStoreAsync();
        var result = await store.UpdateAsync("missing", Bytes("v"), 1);

        Assert.Equal(WriteOutcome.NotFound, result.Outcome);
        Assert.Null(result.Current);
        Assert.Null(await store.GetAsync("missing"));
    }

    [Fact]
    public async Task Delete_checks_the_revision_and_takes_a_revision_of_its_own()
    {
        var store = await NewStoreAsync();
        var created = await store.CreateAsync("k", Bytes("v1"));
        var updated = await store.UpdateAsync("k", Bytes("v2"), created.Revision);

        var stale = await store.DeleteAsync("k", created.Revision);
        Assert.Equal(WriteOutcome.Conflict, stale.Outcome);
        Assert.Equal(updated.Revision, stale.Current!.ModRevision);
        Assert.NotNull(await store.GetAsync("k"));

        var deleted = await store.DeleteAsync("k", updated.Revision);
        Assert.Equal(WriteOutcome.Succeeded, deleted.Outcome);
        Assert.True(deleted.Revision > updated.Revision);
        Assert.Equal(deleted.Revision, store.CurrentRevision);
        Assert.Equal("v2", Text(deleted.Current!));
        Assert.Null(await store.GetAsync("k"));

        Assert.Equal(WriteOutcome.NotFound, (await store.DeleteAsync("k", 0)).Outcome);
        Assert.Equal(WriteOutcome.NotFound, (await store.DeleteAsync("k", updated.Revision)).Outcome);
    }

    [Fact]
    public async Task Delete_with_revision_zero_is_unconditional()
    {
        var store = await NewStoreAsync();
        var created = await store.CreateAsync("k", Bytes("v1"));
        await store.UpdateAsync("k", Bytes("v2"), created.Revision);

        var deleted = await store.DeleteAsync("k", 0);

        Assert.True(deleted.Succeeded);
        Assert.Null(await store.GetAsync("k"));
    }

    [Fact]
    public async Task A_recreated_key_gets_a_new_create_revision()
    {
        var store = await NewStoreAsync();
        var first = await store.CreateAsync("k", Bytes("v1"));
        await store.DeleteAsync("k", first.Revision);

        var second = await store.CreateAsync("k", Bytes("v2"));

        Assert.True(second.Succeeded);
        Assert.True(second.Revision > first.Revision);
        Assert.Equal(second.Revision, (await store.GetAsync("k"))!.CreateRevision);
    }

    [Fact]
    public async Task Revisions_increase_strictly_across_keys_and_failed_writes_take_none()
    {
        var store = await NewStoreAsync();
        var revisions = new List<long> { store.CurrentRevision };
        for (var i = 0; i < 10; i++)
        {
            var created = await store.CreateAsync($"r/{i % 3}/{i}", Bytes("v"));
            revisions.Add(created.Revision);
            Assert.Equal(WriteOutcome.AlreadyExists, (await store.CreateAsync($"r/{i % 3}/{i}", Bytes("again"))).Outcome);
            Assert.Equal(created.Revision, store.CurrentRevision);
            var updated = await store.UpdateAsync($"r/{i % 3}/{i}", Bytes("w"), created.Revision);
            revisions.Add(updated.Revision);
            if (i % 2 == 0)
            {
                revisions.Add((await store.DeleteAsync($"r/{i % 3}/{i}", updated.Revision)).Revision);
            }
        }

        for (var i = 1; i < revisions.Count; i++)
        {
            Assert.True(revisions[i] > revisions[i - 1], $"revision {revisions[i]} follows {revisions[i - 1]}");
        }

        Assert.Equal(revisions[^1], store.CurrentRevision);
    }

    [Fact]
    public async Task Binary_empty_and_large_values_round_trip()
    {
        var store = await NewStoreAsync();
        var allBytes = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        var large = new byte[1 << 20];
        new Random(7).NextBytes(large);

        await store.CreateAsync("v/all", allBytes);
        await store.CreateAsync("v/empty", ReadOnlyMemory<byte>.Empty);
        await store.CreateAsync("v/large", large);

        Assert.Equal(allBytes, (await store.GetAsync("v/all"))!.Value.ToArray());
        var empty = await store.GetAsync("v/empty");
        Assert.NotNull(empty);
        Assert.Equal(0, empty.Value.Length);
        Assert.Equal(large, (await store.GetAsync("v/large"))!.Value.ToArray());

        var range = await store.RangeAsync("v/", null, 0, 0);
        Assert.Equal(["v/all", "v/empty", "v/large"], range.Items.Select(kv => kv.Key));
        Assert.Equal(0, range.Items[1].Value.Length);
    }

    [Fact]
    public async Task The_store_keeps_its_own_copy_of_the_callers_buffer()
    {
        var store = await NewStoreAsync();
        var buffer = Bytes("original");

        var created = await store.CreateAsync("k", buffer);
        buffer.AsSpan().Fill((byte)'x');

        Assert.Equal("original", Text((await store.GetAsync("k"))!));
        Assert.Equal("original", Text(created.Current!));
    }

    [Fact]
    public async Task Keys_with_unicode_and_separators_are_stored_exactly()
    {
        var store = await NewStoreAsync();
        string[] keys = ["u/é", "u/\u4e2d\u6587", "u/\U0001F600", "u/a b", "u/'quote\"", "u/%_*"];
        foreach (var key in keys)
        {
            Assert.True((await store.CreateAsync(key, Bytes(key))).Succeeded);
        }

        foreach (var key in keys)
        {
            Assert.Equal(key, Text((await store.GetAsync(key))!));
        }

        // LIKE-style wildcards must not act as wildcards in prefixes.
        Assert.Single((await store.RangeAsync("u/%", null, 0, 0)).Items);
        Assert.Empty((await store.RangeAsync("u/_", null, 0, 0)).Items);
    }
}

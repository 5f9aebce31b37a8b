using System.Text.Json.Nodes;
using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Selectors;
using Tke.ApiMachinery.Store;
using Tke.Storage;

namespace Tke.ApiMachinery.Tests.Store;

/// <summary>
/// A list by exact name (fieldSelector=metadata.name=X, what kubectl wait lists) reads one key and
/// the store's revision. A write that lands between the two must stay after the list's revision,
/// or a watch from that revision never delivers it and the client waits for ever.
/// </summary>
public sealed class ListByNameRevisionTests : IAsyncLifetime
{
    private readonly StoreFixture _f = new();

    public Task InitializeAsync() => _f.InitializeAsync();

    public Task DisposeAsync() => _f.DisposeAsync();

    [Fact]
    public async Task A_write_landing_while_a_list_by_name_reads_is_delivered_to_a_watch_from_the_lists_revision()
    {
        await _f.Widgets.CreateAsync(null, StoreFixture.Widget("w", size: 1), StoreFixture.Write(), default);
        var racing = new WriteAfterFirstGet(_f.Kv, async () =>
            await _f.Widgets.PatchAsync(null, "w", PatchKind.Merge, JsonNode.Parse("""{"spec":{"size":2}}""")!, null, StoreFixture.Write(), default));
        var store = new ResourceStore(new WidgetKind(), racing, AdmissionChain.Empty, TimeProvider.System);

        var page = await store.ListAsync(null, new ListQuery { Fields = FieldSelector.Parse("metadata.name=w") }, default);
        var listed = Assert.Single(page.Items);
        Assert.Equal(1, ((Widget)listed.Object).Spec.Size);

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await foreach (var e in store.WatchAsync(null, new ListQuery(), page.Revision, new WatchProgress(), patience.Token))
            {
                Assert.Equal(ResourceEventType.Modified, e.Type);
                Assert.Equal(2, ((Widget)e.Item.Object).Spec.Size);
                return;
            }
        }
        catch (OperationCanceledException) when (patience.IsCancellationRequested)
        {
        }

        Assert.Fail($"a watch from the list's revision {page.Revision} never delivered the write that landed during the list (store now at {_f.Kv.CurrentRevision})");
    }

    /// <summary>Lets the first read finish, then commits another write before returning it: the
    /// interleaving of a busy server, made certain.</summary>
    private sealed class WriteAfterFirstGet(IKeyValueStore inner, Func<Task> write) : IKeyValueStore
    {
        private int _gets;

        public long CurrentRevision => inner.CurrentRevision;

        public long CompactedRevision => inner.CompactedRevision;

        public async ValueTask<KeyValue?> GetAsync(string key, CancellationToken cancellationToken = default)
        {
            var value = await inner.GetAsync(key, cancellationToken);
            if (Interlocked.Increment(ref _gets) == 1)
            {
                await write();
            }

            return value;
        }

        public ValueTask<RangeResult> RangeAsync(string prefix, string? startAfter, int limit, long atRevision, CancellationToken cancellationToken = default) =>
            inner.RangeAsync(prefix, startAfter, limit, atRevision, cancellationToken);

        public ValueTask<long> CountAsync(string prefix, CancellationToken cancellationToken = default) => inner.CountAsync(prefix, cancellationToken);

        public ValueTask<WriteResult> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
            inner.CreateAsync(key, value, cancellationToken);

        public ValueTask<WriteResult> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, CancellationToken cancellationToken = default) =>
            inner.UpdateAsync(key, value, expectedModRevision, cancellationToken);

        public ValueTask<WriteResult> DeleteAsync(string key, long expectedModRevision, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(key, expectedModRevision, cancellationToken);

        public IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken = default) =>
            inner.WatchAsync(prefix, afterRevision, cancellationToken);

        public ValueTask CompactAsync(long revision, CancellationToken cancellationToken = default) => inner.CompactAsync(revision, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

using System.Text;

namespace Tke.Storage.Tests.Conformance;

/// <summary>Knobs a conformance test may ask of a new store.</summary>
/// <param name="WatcherBufferCapacity">Events a watcher may fall behind before it overflows; null for the backend default.</param>
public sealed record ConformanceStoreSettings(int? WatcherBufferCapacity = null)
{
    public static ConformanceStoreSettings Default { get; } = new();
}

/// <summary>
/// The behaviour every <see cref="IKeyValueStore"/> backend must show. A backend's test class
/// derives from this and says how to open a new store and how to reopen one (a restart).
/// The tests are split by concern over the partial class files next to this one.
/// </summary>
public abstract partial class KeyValueStoreConformance : IAsyncLifetime
{
    /// <summary>Bounds every wait so a broken backend fails instead of hanging the run.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly List<IKeyValueStore> _stores = [];

    /// <summary>Opens a new, empty store with its own storage.</summary>
    protected abstract Task<IKeyValueStore> OpenNewStoreAsync(ConformanceStoreSettings settings);

    /// <summary>Disposes <paramref name="store"/> and opens the same storage again, as a server restart would.</summary>
    protected abstract Task<IKeyValueStore> ReopenStoreAsync(IKeyValueStore store);

    /// <summary>Removes what the stores left behind, after all of them are disposed.</summary>
    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        await CleanUpAsync();
    }

    protected async Task<IKeyValueStore> NewStoreAsync(ConformanceStoreSettings? settings = null)
    {
        var store = await OpenNewStoreAsync(settings ?? ConformanceStoreSettings.Default);
        _stores.Add(store);
        return store;
    }

    protected async Task<IKeyValueStore> ReopenAsync(IKeyValueStore store)
    {
        var reopened = await ReopenStoreAsync(store);
        _stores.Add(reopened);
        return reopened;
    }

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(KeyValue kv) => Encoding.UTF8.GetString(kv.Value.Span);

    protected static async Task<KeyValue> PutAsync(IKeyValueStore store, string key, string value)
    {
        var existing = await store.GetAsync(key);
        var result = existing is null
            ? await store.CreateAsync(key, Bytes(value))
            : await store.UpdateAsync(key, Bytes(value), existing.ModRevision);
        Assert.True(result.Succeeded, $"writing {key}: {result.Outcome}");
        return result.Current!;
    }

    protected static async Task<long> DeleteAsync(IKeyValueStore store, string key)
    {
        var result = await store.DeleteAsync(key, 0);
        Assert.True(result.Succeeded, $"deleting {key}: {result.Outcome}");
        return result.Revision;
    }

    /// <summary>Reads the next <paramref name="count"/> events, failing if the stream ends first.</summary>
    protected static async Task<List<WatchEvent>> TakeAsync(IAsyncEnumerator<WatchEvent> watch, int count)
    {
        var events = new List<WatchEvent>(count);
        while (events.Count < count)
        {
            Assert.True(await watch.MoveNextAsync(), $"the watch ended after {events.Count} of {count} events");
            events.Add(watch.Current);
        }

        return events;
    }

    /// <summary>Reads events until one has <paramref name="revision"/> (inclusive).</summary>
    protected static async Task<List<WatchEvent>> TakeThroughAsync(IAsyncEnumerator<WatchEvent> watch, long revision)
    {
        var events = new List<WatchEvent>();
        while (events.Count == 0 || events[^1].Revision < revision)
        {
            Assert.True(await watch.MoveNextAsync(), $"the watch ended at {events.LastOrDefault()?.Revision} before revision {revision}");
            events.Add(watch.Current);
        }

        return events;
    }

    protected static CancellationTokenSource Deadline() => new(Patience);

    /// <summary>Orders keys by their UTF-8 bytes, computed independently of the store's own comparer.</summary>
    protected static int CompareUtf8(string a, string b) =>
        Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
}

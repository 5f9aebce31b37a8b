using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Tke.Kubernetes.Client;

namespace Tke.Kubernetes.Watching;

/// <summary>
/// Mirrors one collection: lists it, then watches from the list's resourceVersion, keeping a local
/// store of the objects. A dropped stream or an unreachable server is retried with backoff, resuming
/// from the last resourceVersion seen (bookmarks included), so nothing is missed or repeated; when
/// that version is gone (410) it lists again and reports the difference as changes.
/// </summary>
public sealed class ResourceWatcher(KubernetesClient client, GroupVersionResource resource, ResourceWatcherOptions? options = null)
{
    private readonly ResourceWatcherOptions _options = options ?? new ResourceWatcherOptions();
    private readonly Dictionary<string, JsonObject> _store = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public GroupVersionResource Resource => resource;

    /// <summary>The version the next watch resumes from.</summary>
    public string? ResourceVersion { get; private set; }

    /// <summary>Lists done so far: 1 after the first sync, one more for every relist.</summary>
    public int ListCount { get; private set; }

    /// <summary>Watch requests made so far.</summary>
    public int WatchCount { get; private set; }

    /// <summary>The last failure retried, for status reporting.</summary>
    public Exception? LastError { get; private set; }

    public IReadOnlyList<JsonObject> Snapshot()
    {
        lock (_lock)
        {
            return [.. _store.Values];
        }
    }

    public JsonObject? Get(string? ns, string name)
    {
        lock (_lock)
        {
            return _store.GetValueOrDefault(Key(ns, name));
        }
    }

    /// <summary>Runs until <paramref name="ct"/> is cancelled, reporting every change and each completed (re)list.</summary>
    public async IAsyncEnumerable<ResourceChange> RunAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var delay = _options.MinRetryDelay;
        var mustList = true;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (mustList)
            {
                var changes = await TryListAsync(ct);
                if (changes is null)
                {
                    delay = await BackOffAsync(delay, ct);
                    continue;
                }

                mustList = false;
                delay = _options.MinRetryDelay;
                foreach (var change in changes)
                {
                    yield return change;
                }

                continue;
            }

            var watch = client.WatchAsync(resource, _options.Namespace, new WatchOptions
            {
                ResourceVersion = ResourceVersion,
                LabelSelector = _options.LabelSelector,
                FieldSelector = _options.FieldSelector,
                Timeout = _options.WatchTimeout * (1 + Random.Shared.NextDouble()),
            }, ct).GetAsyncEnumerator(ct);
            WatchCount++;
            var received = false;
            var failed = false;
            try
            {
                while (true)
                {
                    WatchEvent evt;
                    try
                    {
                        if (!await watch.MoveNextAsync())
                        {
                            break;
                        }

                        evt = watch.Current;
                    }
                    catch (KubernetesApiException e) when (e.IsGone)
                    {
                        LastError = e;
                        mustList = true;
                        break;
                    }
                    catch (Exception e) when (IsRetryable(e, ct))
                    {
                        LastError = e;
                        failed = true;
                        break;
                    }

                    received = true;
                    delay = _options.MinRetryDelay;
                    if (Apply(evt) is { } change)
                    {
                        yield return change;
                    }
                }
            }
            finally
            {
                await watch.DisposeAsync();
            }

            // A stream that closes at once with nothing in it would otherwise become a tight loop.
            if (failed || (!received && !mustList))
            {
                delay = await BackOffAsync(delay, ct);
            }
        }
    }

    private async Task<List<ResourceChange>?> TryListAsync(CancellationToken ct)
    {
        ResourceList list;
        try
        {
            list = await client.ListAllAsync(resource, _options.Namespace, new ListOptions
            {
                LabelSelector = _options.LabelSelector,
                FieldSelector = _options.FieldSelector,
                Limit = _options.PageSize,
            }, ct);
        }
        catch (Exception e) when (IsRetryable(e, ct))
        {
            LastError = e;
            return null;
        }

        ListCount++;
        ResourceVersion = list.ResourceVersion;
        return Reconcile(list.Items);
    }

    /// <summary>Replaces the store with a fresh list, reporting what differs from what was known.</summary>
    private List<ResourceChange> Reconcile(IReadOnlyList<JsonObject> items)
    {
        var changes = new List<ResourceChange>();
        lock (_lock)
        {
            var fresh = items.ToDictionary(KeyOf, StringComparer.Ordinal);
            foreach (var (key, old) in _store)
            {
                if (!fresh.ContainsKey(key))
                {
                    changes.Add(new ResourceChange(ResourceChangeType.Deleted, old));
                }
            }

            foreach (var (key, obj) in fresh)
            {
                if (!_store.TryGetValue(key, out var old))
                {
                    changes.Add(new ResourceChange(ResourceChangeType.Added, obj));
                }
                else if (VersionOf(old) != VersionOf(obj))
                {
                    changes.Add(new ResourceChange(ResourceChangeType.Modified, obj));
                }
            }

            _store.Clear();
            foreach (var (key, obj) in fresh)
            {
                _store[key] = obj;
            }
        }

        changes.Add(new ResourceChange(ResourceChangeType.Synced, null));
        return changes;
    }

    private ResourceChange? Apply(WatchEvent evt)
    {
        if (evt.ResourceVersion is { Length: > 0 } version)
        {
            ResourceVersion = version;
        }

        lock (_lock)
        {
            switch (evt.Type)
            {
                case WatchEventType.Added:
                    _store[KeyOf(evt.Object)] = evt.Object;
                    return new ResourceChange(ResourceChangeType.Added, evt.Object);
                case WatchEventType.Modified:
                    _store[KeyOf(evt.Object)] = evt.Object;
                    return new ResourceChange(ResourceChangeType.Modified, evt.Object);
                case WatchEventType.Deleted:
                    _store.Remove(KeyOf(evt.Object));
                    return new ResourceChange(ResourceChangeType.Deleted, evt.Object);
                default:
                    return null;
            }
        }
    }

    private async Task<TimeSpan> BackOffAsync(TimeSpan delay, CancellationToken ct)
    {
        await Task.Delay(delay, ct);
        var next = delay * 2;
        return next > _options.MaxRetryDelay ? _options.MaxRetryDelay : next;
    }

    /// <summary>Everything but the caller's cancellation is worth another try: the server may come back, a credential may be renewed.</summary>
    private static bool IsRetryable(Exception e, CancellationToken ct) =>
        !ct.IsCancellationRequested && e is HttpRequestException or IOException or TimeoutException or KubernetesApiException or InvalidDataException;

    private static string KeyOf(JsonObject obj) =>
        Key((string?)obj["metadata"]?["namespace"], (string?)obj["metadata"]?["name"] ?? "");

    private static string Key(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : ns + "/" + name;

    private static string? VersionOf(JsonObject obj) => (string?)obj["metadata"]?["resourceVersion"];
}

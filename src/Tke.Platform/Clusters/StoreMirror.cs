using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Store;

namespace Tke.Platform.Clusters;

/// <summary>
/// An in-memory copy of every object of one store, kept current by a <see cref="StoreListWatch"/>. Hot paths read it instead of the store:
/// no query and no decode per request. It trails the store by a watch event, so callers that
/// must see an object created a moment ago fall back to the store on a miss. Controllers
/// react to changes through <paramref name="changed"/> (with the previous copy, if any) and
/// <paramref name="removed"/>.
/// </summary>
public sealed class StoreMirror<T>(ResourceStore store, TimeProvider clock, ILogger logger, Action<T?, T>? changed = null, Action<T>? removed = null)
    where T : ApiObject
{
    private readonly ConcurrentDictionary<string, T> _objects = new(StringComparer.Ordinal);

    public T? Find(string name) => _objects.GetValueOrDefault(name);

    public IEnumerable<T> All => _objects.Values;

    private readonly StoreListWatch _feed = new(store, clock, logger, $"mirror of {typeof(T).Name}");

    /// <summary>Lists once (so the mirror is full when this returns), then watches in the background.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var filled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = _feed.RunAsync(
            (page, _) =>
            {
                Replace(page);
                filled.TrySetResult();
                return ValueTask.CompletedTask;
            },
            (e, _) =>
            {
                Apply(e);
                return ValueTask.CompletedTask;
            },
            cancellationToken);
        await filled.Task.WaitAsync(cancellationToken);
    }

    private void Replace(ListPage page)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in page.Items)
        {
            var obj = (T)item.Object;
            present.Add(obj.Metadata.Name!);
            Put(obj);
        }

        foreach (var gone in _objects.Keys.Where(n => !present.Contains(n)).ToList())
        {
            Remove(gone);
        }
    }

    private void Apply(ResourceEvent e)
    {
        var obj = (T)e.Item.Object;
        if (e.Type == ResourceEventType.Deleted)
        {
            Remove(obj.Metadata.Name!);
        }
        else
        {
            Put(obj);
        }
    }

    private void Put(T obj)
    {
        var name = obj.Metadata.Name!;
        _objects.TryGetValue(name, out var previous);
        _objects[name] = obj;
        changed?.Invoke(previous, obj);
    }

    private void Remove(string name)
    {
        if (_objects.TryRemove(name, out var old))
        {
            removed?.Invoke(old);
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Store;

namespace Tke.Platform.Clusters;

/// <summary>
/// An in-memory copy of every object of one store, kept current by a watch (list, then watch
/// from that revision; list again when the watch breaks). Hot paths read it instead of the store:
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

    /// <summary>Lists once (so the mirror is full when this returns), then watches in the background.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var revision = await RelistAsync(cancellationToken);
        _ = WatchAsync(revision, cancellationToken);
    }

    private async Task<long> RelistAsync(CancellationToken cancellationToken)
    {
        var page = await store.ListAsync(null, new ListQuery(), cancellationToken);
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

        return page.Revision;
    }

    private async Task WatchAsync(long revision, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var e in store.WatchAsync(null, new ListQuery(), revision, new WatchProgress(), cancellationToken))
                {
                    revision = e.Item.Revision;
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
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Compacted away or overflowed: read everything again and watch from there.
                logger.LogWarning(e, "watch of {Kind} restarted", typeof(T).Name);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), clock, cancellationToken);
                    revision = await RelistAsync(cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception relist)
                {
                    logger.LogError(relist, "listing {Kind} failed; will retry", typeof(T).Name);
                }
            }
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

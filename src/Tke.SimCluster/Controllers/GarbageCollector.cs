using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Store;
using Tke.SimCluster.Controllers.Runtime;

namespace Tke.SimCluster.Controllers;

/// <summary>
/// Kubernetes' garbage collector with background propagation: an object whose every owner
/// reference names an owner that no longer exists (gone, or replaced by a namesake with another
/// uid) is deleted. Owner deletions wake the dependents up; the periodic relist catches orphans
/// whose owners were deleted while the collector was not running.
/// </summary>
public sealed class GarbageCollector(ClusterStores stores, TimeProvider clock, ILogger logger)
{
    private const char Separator = '|';
    private const string OwnerGone = "owner-gone";

    /// <summary>Kinds whose objects may be owned, by resource name.</summary>
    private readonly Dictionary<string, IDependents> _dependents = new()
    {
        ["pods"] = new Dependents<Core.Pod>(stores.Pods),
        ["replicasets"] = new Dependents<Apps.ReplicaSet>(stores.ReplicaSets),
    };

    private ReconcileLoop? _loop;

    public ReconcileLoop CreateLoop()
    {
        _loop = new ReconcileLoop("garbage-collector", ReconcileAsync, logger, clock);
        foreach (var (resource, dependents) in _dependents)
        {
            _loop.Watch(dependents.Store, e => e.Type != ResourceEventType.Deleted && e.Item.Object.Metadata.OwnerReferences is { Count: > 0 }
                ? [Key(resource, e.Item.Object.Metadata.Namespace, e.Item.Object.Metadata.Name!)]
                : []);
        }

        foreach (var owner in new[] { stores.Deployments.Store, stores.ReplicaSets.Store, stores.DaemonSets.Store, stores.StatefulSets.Store, stores.Jobs.Store })
        {
            _loop.Watch(owner, e => e.Type == ResourceEventType.Deleted
                ? [Key(OwnerGone, e.Item.Object.Metadata.Namespace, e.Item.Object.Metadata.Uid!)]
                : []);
        }

        return _loop;
    }

    private static string Key(string resource, string? ns, string name) => string.Join(Separator, resource, ns ?? "", name);

    private async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var parts = key.Split(Separator);
        var (resource, ns, name) = (parts[0], parts[1].Length == 0 ? null : parts[1], parts[2]);
        if (resource == OwnerGone)
        {
            foreach (var (dependentResource, dependents) in _dependents)
            {
                foreach (var dependent in await dependents.ListAsync(ns, cancellationToken))
                {
                    if (dependent.Metadata.OwnerReferences?.Any(r => r.Uid == name) == true)
                    {
                        _loop!.Queue.Add(Key(dependentResource, ns, dependent.Metadata.Name!));
                    }
                }
            }

            return ReconcileResult.Done;
        }

        var store = _dependents[resource];
        var obj = await store.GetAsync(ns, name, cancellationToken);
        if (obj?.Metadata.OwnerReferences is not { Count: > 0 } owners || obj.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        foreach (var owner in owners)
        {
            if (await OwnerExistsAsync(ns, owner, cancellationToken))
            {
                return ReconcileResult.Done;
            }
        }

        await store.DeleteAsync(ns, name, obj.Metadata.Uid, cancellationToken);
        return ReconcileResult.Done;
    }

    /// <summary>True unless the owner is of a kind we serve and is gone; owners of other kinds are
    /// assumed alive, as deleting what we cannot check would be worse than keeping it.</summary>
    private async Task<bool> OwnerExistsAsync(string? ns, OwnerReference owner, CancellationToken cancellationToken)
    {
        ApiObject? found = (owner.ApiVersion, owner.Kind) switch
        {
            ("apps/v1", "Deployment") => await stores.Deployments.GetAsync(ns, owner.Name, cancellationToken),
            ("apps/v1", "ReplicaSet") => await stores.ReplicaSets.GetAsync(ns, owner.Name, cancellationToken),
            ("apps/v1", "DaemonSet") => await stores.DaemonSets.GetAsync(ns, owner.Name, cancellationToken),
            ("apps/v1", "StatefulSet") => await stores.StatefulSets.GetAsync(ns, owner.Name, cancellationToken),
            ("batch/v1", "Job") => await stores.Jobs.GetAsync(ns, owner.Name, cancellationToken),
            _ => null,
        };
        var known = owner.ApiVersion is "apps/v1" or "batch/v1" && owner.Kind is "Deployment" or "ReplicaSet" or "DaemonSet" or "StatefulSet" or "Job";
        return !known || (found is not null && found.Metadata.Uid == owner.Uid);
    }

    /// <summary>One dependent kind, without its type.</summary>
    private interface IDependents
    {
        ResourceStore Store { get; }

        Task<ApiObject?> GetAsync(string? ns, string name, CancellationToken cancellationToken);

        Task<IEnumerable<ApiObject>> ListAsync(string? ns, CancellationToken cancellationToken);

        Task DeleteAsync(string? ns, string name, string? uid, CancellationToken cancellationToken);
    }

    private sealed class Dependents<T>(TypedStore<T> store) : IDependents
        where T : ApiObject
    {
        public ResourceStore Store => store.Store;

        public async Task<ApiObject?> GetAsync(string? ns, string name, CancellationToken cancellationToken) => await store.GetAsync(ns, name, cancellationToken);

        public async Task<IEnumerable<ApiObject>> ListAsync(string? ns, CancellationToken cancellationToken) => await store.ListAsync(ns, cancellationToken);

        public Task DeleteAsync(string? ns, string name, string? uid, CancellationToken cancellationToken) => store.DeleteAsync(ns, name, uid, cancellationToken);
    }
}

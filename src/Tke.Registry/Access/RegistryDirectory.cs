using System.Collections.Concurrent;
using Tke.ApiMachinery.Store;
using Tke.Registry.Apis.ChartGroups;
using Tke.Registry.Apis.Namespaces;

namespace Tke.Registry.Access;

/// <summary>
/// Finds a tenant's registry Namespace or ChartGroup by its spec.name. Hits are remembered for a
/// second, since every layer of a push asks; misses always read the store, so a namespace
/// created a moment ago is found at once.
/// </summary>
public sealed class RegistryDirectory(ResourceStore namespaces, ResourceStore chartGroups, TimeProvider clock)
{
    private static readonly TimeSpan HitTtl = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<(string Tenant, string Name), (Namespace Value, DateTimeOffset ReadAt)> _namespaces = new();

    public async ValueTask<Namespace?> FindNamespaceAsync(string tenant, string name, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_namespaces.TryGetValue((tenant, name), out var cached) && now - cached.ReadAt < HitTtl)
        {
            return cached.Value;
        }

        var page = await namespaces.ListAsync(null, new ListQuery { Tenant = tenant }, cancellationToken);
        var found = page.Items.Select(i => (Namespace)i.Object).FirstOrDefault(n => n.Spec.Name == name && n.Metadata.DeletionTimestamp is null);
        if (found is null)
        {
            _namespaces.TryRemove((tenant, name), out _);
            return null;
        }

        if (_namespaces.Count > 10_000)
        {
            _namespaces.Clear();
        }

        _namespaces[(tenant, name)] = (found, now);
        return found;
    }

    public async ValueTask<ChartGroup?> FindChartGroupAsync(string tenant, string name, CancellationToken cancellationToken)
    {
        var page = await chartGroups.ListAsync(null, new ListQuery { Tenant = tenant }, cancellationToken);
        return page.Items.Select(i => (ChartGroup)i.Object).FirstOrDefault(g => g.Spec.Name == name && g.Metadata.DeletionTimestamp is null);
    }
}

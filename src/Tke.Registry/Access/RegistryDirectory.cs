using System.Collections.Concurrent;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Store;
using Tke.Registry.Apis.ChartGroups;
using Tke.Registry.Apis.Namespaces;

namespace Tke.Registry.Access;

/// <summary>
/// Finds a tenant's registry Namespace or ChartGroup by its spec.name, and the business Projects
/// that open Project-visibility chart groups. Namespace hits are remembered for a second, since
/// every layer of a push asks; misses always read the store, so a namespace created a moment ago
/// is found at once. Projects are read when asked (only pulls of Project-visibility groups ask),
/// so a member added or removed counts at once.
/// </summary>
/// <param name="projects">The business.tkestack.io Project store; null when the platform runs
/// without the business API, and then no project opens anything.</param>
public sealed class RegistryDirectory(ResourceStore namespaces, ResourceStore chartGroups, TimeProvider clock, ResourceStore? projects = null)
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

    /// <summary>Whether <paramref name="user"/> is a member of one of the projects named
    /// <paramref name="projectNames"/> that belong to <paramref name="tenant"/>; missing projects are skipped.</summary>
    public async ValueTask<bool> IsProjectMemberAsync(string tenant, IEnumerable<string> projectNames, string user, CancellationToken cancellationToken)
    {
        if (projects is null)
        {
            return false;
        }

        foreach (var name in projectNames.Distinct(StringComparer.Ordinal))
        {
            // A name that is not a plain object name could address another key of the store.
            if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            StoredItem item;
            try
            {
                item = await projects.GetAsync(null, name, cancellationToken);
            }
            catch (StatusError e) when (e.Code == 404)
            {
                continue;
            }

            if (ProjectMembership.Read(item.Json).Admits(tenant, user))
            {
                return true;
            }
        }

        return false;
    }
}

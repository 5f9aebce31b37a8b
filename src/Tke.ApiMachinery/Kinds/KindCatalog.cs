using System.Collections.Frozen;

namespace Tke.ApiMachinery.Kinds;

/// <summary>
/// All kinds served by this server, looked up by URL (group, version, resource) or by kind.
/// The groups given at start-up are fixed; kinds registered at run time (custom resources) come
/// and go. Every change swaps in a new immutable snapshot, so lookups on the request path never lock.
/// </summary>
public sealed class KindCatalog
{
    private readonly IReadOnlyList<IApiGroup> _builtIn;
    private readonly FrozenSet<KindDefinition> _builtInKinds;
    private readonly Lock _writeLock = new();
    private readonly List<KindDefinition> _registered = [];
    private volatile CatalogSnapshot _snapshot;

    public KindCatalog(IEnumerable<IApiGroup> groups)
    {
        _builtIn = groups.ToArray();
        foreach (var group in _builtIn)
        {
            foreach (var kind in group.Kinds)
            {
                if (kind.Group != group.Name)
                {
                    throw new InvalidOperationException($"kind {kind.Kind} declares group {kind.Group} but is listed in {group.Name}");
                }
            }
        }

        _builtInKinds = _builtIn.SelectMany(g => g.Kinds).ToFrozenSet<KindDefinition>(ReferenceEqualityComparer.Instance);
        _snapshot = CatalogSnapshot.Build(_builtIn, [], 0);
    }

    /// <summary>Raised after kinds were registered or unregistered (on the changing thread).</summary>
    public event Action? Changed;

    /// <summary>Increases with every change, so derived documents know when to rebuild.</summary>
    public long Revision => _snapshot.Revision;

    public IReadOnlyList<IApiGroup> Groups => _snapshot.Groups;

    public IEnumerable<KindDefinition> Kinds => _snapshot.Kinds;

    public KindDefinition? Find(string group, string version, string resource) =>
        _snapshot.ByResource.GetValueOrDefault(CatalogSnapshot.Key(group, version, resource));

    public IApiGroup? FindGroup(string name) => _snapshot.Groups.FirstOrDefault(g => g.Name == name);

    /// <summary>True for the kinds given at start-up, which cannot be unregistered.</summary>
    public bool IsBuiltIn(KindDefinition kind) => _builtInKinds.Contains(kind);

    /// <summary>Serves <paramref name="kinds"/> from now on (one version each); fails, changing nothing,
    /// when a group/version/resource is already served.</summary>
    public void Register(params IReadOnlyList<KindDefinition> kinds) => Change(kinds, []);

    /// <summary>Stops serving kinds registered at run time; unknown kinds are ignored.</summary>
    public void Unregister(params IReadOnlyList<KindDefinition> kinds) => Change([], kinds);

    /// <summary>Atomically replaces <paramref name="remove"/> with <paramref name="add"/>, e.g. when a
    /// custom resource definition changes its versions.</summary>
    public void Replace(IReadOnlyList<KindDefinition> remove, IReadOnlyList<KindDefinition> add) => Change(add, remove);

    private void Change(IReadOnlyList<KindDefinition> add, IReadOnlyList<KindDefinition> remove)
    {
        if (add.Count == 0 && remove.Count == 0)
        {
            return;
        }

        lock (_writeLock)
        {
            if (remove.FirstOrDefault(IsBuiltIn) is { } builtIn)
            {
                throw new InvalidOperationException($"built-in kind {builtIn.Kind} cannot be unregistered");
            }

            var next = _registered.Where(k => !remove.Contains<KindDefinition>(k, ReferenceEqualityComparer.Instance)).ToList();
            next.AddRange(add);
            _snapshot = CatalogSnapshot.Build(_builtIn, next, _snapshot.Revision + 1);
            _registered.Clear();
            _registered.AddRange(next);
        }

        Changed?.Invoke();
    }
}

using System.Collections.Frozen;

namespace Tke.ApiMachinery.Kinds;

/// <summary>All kinds served by this server, looked up by URL (group, version, resource) or by kind.</summary>
public sealed class KindCatalog
{
    private readonly FrozenDictionary<string, KindDefinition> _byResource;

    public KindCatalog(IEnumerable<IApiGroup> groups)
    {
        Groups = groups.ToArray();
        var byResource = new Dictionary<string, KindDefinition>(StringComparer.Ordinal);
        foreach (var group in Groups)
        {
            foreach (var kind in group.Kinds)
            {
                if (kind.Group != group.Name)
                {
                    throw new InvalidOperationException($"kind {kind.Kind} declares group {kind.Group} but is listed in {group.Name}");
                }

                if (!byResource.TryAdd(Key(kind.Group, kind.Version, kind.Plural), kind))
                {
                    throw new InvalidOperationException($"resource {kind.Plural}.{kind.Group}/{kind.Version} is registered twice");
                }
            }
        }

        _byResource = byResource.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IReadOnlyList<IApiGroup> Groups { get; }

    public IEnumerable<KindDefinition> Kinds => Groups.SelectMany(g => g.Kinds);

    public KindDefinition? Find(string group, string version, string resource) =>
        _byResource.GetValueOrDefault(Key(group, version, resource));

    public IApiGroup? FindGroup(string name) => Groups.FirstOrDefault(g => g.Name == name);

    private static string Key(string group, string version, string resource) => string.Concat(group, "/", version, "/", resource);
}

using System.Collections.Frozen;

namespace Tke.ApiMachinery.Kinds;

/// <summary>One immutable state of a <see cref="KindCatalog"/>: its groups (built-in groups first,
/// with run-time kinds merged into a group of the same name) and the URL index.</summary>
internal sealed class CatalogSnapshot
{
    private CatalogSnapshot(IReadOnlyList<IApiGroup> groups, FrozenDictionary<string, KindDefinition> byResource, long revision)
    {
        Groups = groups;
        ByResource = byResource;
        Revision = revision;
        Kinds = groups.SelectMany(g => g.Kinds).ToArray();
    }

    public IReadOnlyList<IApiGroup> Groups { get; }

    public IReadOnlyList<KindDefinition> Kinds { get; }

    public FrozenDictionary<string, KindDefinition> ByResource { get; }

    public long Revision { get; }

    public static string Key(string group, string version, string resource) => string.Concat(group, "/", version, "/", resource);

    public static CatalogSnapshot Build(IReadOnlyList<IApiGroup> builtIn, IReadOnlyList<KindDefinition> registered, long revision)
    {
        var byResource = new Dictionary<string, KindDefinition>(StringComparer.Ordinal);
        var groups = new List<IApiGroup>();
        var extra = registered.GroupBy(k => k.Group, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var group in builtIn)
        {
            if (extra.Remove(group.Name, out var added))
            {
                groups.Add(new RuntimeApiGroup(group.Name, group.PreferredVersion, [.. group.Kinds, .. added]));
            }
            else
            {
                groups.Add(group);
            }
        }

        foreach (var (name, kinds) in extra.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var preferred = kinds.Select(k => k.Version).Distinct().OrderBy(v => v, VersionPriority.Comparer).First();
            groups.Add(new RuntimeApiGroup(name, preferred, kinds));
        }

        foreach (var kind in groups.SelectMany(g => g.Kinds))
        {
            if (!byResource.TryAdd(Key(kind.Group, kind.Version, kind.Plural), kind))
            {
                throw new InvalidOperationException($"resource {kind.Plural}.{kind.Group}/{kind.Version} is registered twice");
            }
        }

        return new CatalogSnapshot(groups, byResource.ToFrozenDictionary(StringComparer.Ordinal), revision);
    }

    /// <summary>A group that has kinds registered at run time.</summary>
    private sealed record RuntimeApiGroup(string Name, string PreferredVersion, IReadOnlyList<KindDefinition> Kinds) : IApiGroup;
}

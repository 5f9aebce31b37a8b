using Tke.ApiMachinery.Kinds;

namespace Tke.SimCluster.ApiExtensions;

/// <summary>The outcome of checking a definition's names: accepted, or the first conflict found.</summary>
public sealed record NamingVerdict(bool Accepted, string Reason, string Message)
{
    public static NamingVerdict NoConflicts { get; } = new(true, "NoConflicts", "no conflicts found");
}

/// <summary>
/// kube-apiserver's naming controller: a definition's names must not be in use in its group by a
/// built-in resource or by another definition's accepted names. Names a definition already had
/// accepted stay its own.
/// </summary>
public static class CustomResourceNaming
{
    public static NamingVerdict Check(CustomResourceDefinition crd, IEnumerable<CustomResourceDefinition> others, IEnumerable<KindDefinition> builtIns)
    {
        var group = crd.Spec.Group;
        var resources = new HashSet<string>(StringComparer.Ordinal);
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kind in builtIns.Where(k => k.Group == group))
        {
            resources.Add(kind.Plural);
            resources.Add(kind.Singular);
            resources.UnionWith(kind.ShortNames);
            kinds.Add(kind.Kind);
            kinds.Add(kind.ListKind);
        }

        foreach (var other in others.Where(o => o.Spec.Group == group && o.Metadata.Name != crd.Metadata.Name))
        {
            if (other.Status?.AcceptedNames is not { } names)
            {
                continue;
            }

            resources.Add(names.Plural);
            if (names.Singular is { Length: > 0 } singular)
            {
                resources.Add(singular);
            }

            resources.UnionWith(names.ShortNames ?? []);
            kinds.Add(names.Kind);
            if (names.ListKind is { Length: > 0 } listKind)
            {
                kinds.Add(listKind);
            }
        }

        var requested = crd.Spec.Names;
        var accepted = crd.Status?.AcceptedNames;
        if (Conflict(requested.Plural, accepted?.Plural, resources) is { } plural)
        {
            return new NamingVerdict(false, "PluralConflict", plural);
        }

        if (Conflict(requested.Singular, accepted?.Singular, resources) is { } singularConflict)
        {
            return new NamingVerdict(false, "SingularConflict", singularConflict);
        }

        foreach (var shortName in requested.ShortNames ?? [])
        {
            if (accepted?.ShortNames?.Contains(shortName) != true && resources.Contains(shortName))
            {
                return new NamingVerdict(false, "ShortNamesConflict", $"\"{shortName}\" is already in use");
            }
        }

        if (Conflict(requested.Kind, accepted?.Kind, kinds) is { } kindConflict)
        {
            return new NamingVerdict(false, "KindConflict", kindConflict);
        }

        if (Conflict(requested.ListKind, accepted?.ListKind, kinds) is { } listKindConflict)
        {
            return new NamingVerdict(false, "ListKindConflict", listKindConflict);
        }

        return NamingVerdict.NoConflicts;
    }

    private static string? Conflict(string? requested, string? alreadyAccepted, HashSet<string> inUse) =>
        string.IsNullOrEmpty(requested) || requested == alreadyAccepted || !inUse.Contains(requested) ? null : $"\"{requested}\" is already in use";
}

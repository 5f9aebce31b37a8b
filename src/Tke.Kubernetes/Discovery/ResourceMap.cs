using Tke.Kubernetes.Client;

namespace Tke.Kubernetes.Discovery;

/// <summary>
/// What a server serves, from discovery: kind ↔ plural ↔ scope for every group version.
/// Group versions whose discovery failed (an aggregated API that is down, say) are listed
/// in <see cref="FailedGroupVersions"/> rather than failing the whole map, as kubectl does.
/// </summary>
public sealed class ResourceMap
{
    private readonly Dictionary<(string Group, string Version, string Plural), ApiResource> _byResource = [];
    private readonly Dictionary<(string Group, string Version, string Kind), ApiResource> _byKind = [];

    public ResourceMap(IEnumerable<ApiResource> resources, IReadOnlyDictionary<string, string>? failedGroupVersions = null)
    {
        Resources = [.. resources];
        foreach (var r in Resources)
        {
            _byResource.TryAdd((r.Group, r.Version, r.Plural), r);
            _byKind.TryAdd((r.Group, r.Version, r.Kind), r);
        }

        FailedGroupVersions = failedGroupVersions ?? new Dictionary<string, string>();
    }

    public IReadOnlyList<ApiResource> Resources { get; }

    /// <summary>"group/version" → why its discovery failed.</summary>
    public IReadOnlyDictionary<string, string> FailedGroupVersions { get; }

    public ApiResource? Find(GroupVersionResource resource) =>
        _byResource.GetValueOrDefault((resource.Group, resource.Version, resource.Resource));

    /// <summary>The resource of an object's apiVersion ("v1", "apps/v1") and kind.</summary>
    public ApiResource? FindByKind(string apiVersion, string kind)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        return _byKind.GetValueOrDefault((group, version, kind));
    }

    /// <summary>
    /// Resolves a name as a user types it (plural, singular, short name or kind, case-insensitive,
    /// optionally "name.group"), preferring each group's preferred version.
    /// </summary>
    public IReadOnlyList<ApiResource> Search(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var (bare, group) = dot < 0 ? (name, null) : (name[..dot], name[(dot + 1)..]);
        return Resources
            .Where(r => group is null || string.Equals(r.Group, group, StringComparison.OrdinalIgnoreCase))
            .Where(r => r.Plural.Equals(bare, StringComparison.OrdinalIgnoreCase)
                || r.Singular.Equals(bare, StringComparison.OrdinalIgnoreCase)
                || r.Kind.Equals(bare, StringComparison.OrdinalIgnoreCase)
                || r.ShortNames.Contains(bare, StringComparer.OrdinalIgnoreCase))
            .OrderByDescending(r => r.IsPreferredVersion)
            .ToList();
    }
}

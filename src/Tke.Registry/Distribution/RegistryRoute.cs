using System.Text.RegularExpressions;

namespace Tke.Registry.Distribution;

/// <summary>Which /v2/ resource a path addresses.</summary>
public enum RegistryResource
{
    Base,
    Catalog,
    Blob,
    Upload,
    Manifest,
    Tags,
    Referrers,
}

/// <summary>A parsed /v2/ path: the resource, the repository name and the last segment
/// (digest, upload id or manifest reference) when the resource has one.</summary>
public sealed partial record RegistryRoute(RegistryResource Resource, string Name, string Reference)
{
    public static RegistryRoute? Parse(string path)
    {
        if (path is "/v2" or "/v2/")
        {
            return new RegistryRoute(RegistryResource.Base, "", "");
        }

        if (path == "/v2/_catalog")
        {
            return new RegistryRoute(RegistryResource.Catalog, "", "");
        }

        var match = RepositoryPath().Match(path);
        if (!match.Success)
        {
            return null;
        }

        var name = match.Groups["name"].Value;
        if (match.Groups["manifest"].Success)
        {
            return new RegistryRoute(RegistryResource.Manifest, name, match.Groups["manifest"].Value);
        }

        if (match.Groups["upload"].Success)
        {
            return new RegistryRoute(RegistryResource.Upload, name, match.Groups["upload"].Value);
        }

        if (match.Groups["blob"].Success)
        {
            return new RegistryRoute(RegistryResource.Blob, name, match.Groups["blob"].Value);
        }

        if (match.Groups["referrers"].Success)
        {
            return new RegistryRoute(RegistryResource.Referrers, name, match.Groups["referrers"].Value);
        }

        return new RegistryRoute(RegistryResource.Tags, name, "");
    }

    // The name is greedy and backtracks, so "a/blobs/b/blobs/<digest>" names repository "a/blobs/b".
    [GeneratedRegex(@"^/v2/(?<name>.+)/(?:manifests/(?<manifest>[^/]+)|blobs/uploads/(?<upload>[^/]*)|blobs/(?<blob>[^/]+)|tags/list|referrers/(?<referrers>[^/]+))$", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryPath();
}

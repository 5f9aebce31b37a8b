namespace Tke.ApiMachinery.Http;

/// <summary>What an API path asks for, parsed the way kube-apiserver's RequestInfo does.</summary>
public enum ApiPathKind
{
    /// <summary>Not an API path (/healthz and the like are handled elsewhere).</summary>
    Other,

    /// <summary>/api: the legacy core group's versions.</summary>
    CoreVersions,

    /// <summary>/apis: all groups.</summary>
    GroupList,

    /// <summary>/apis/{group}.</summary>
    Group,

    /// <summary>/api/v1 or /apis/{group}/{version}: the resources of one group-version.</summary>
    ResourceList,

    /// <summary>A resource, a named object or a subresource.</summary>
    Resource,
}

/// <summary>The parts of an API path.</summary>
public sealed record ApiRequest(ApiPathKind Kind, string Group, string Version, string? Namespace, string Resource, string? Name, string? Subresource)
{
    private static readonly ApiRequest OtherPath = new(ApiPathKind.Other, "", "", null, "", null, null);

    /// <summary>Parses /api/... and /apis/... paths; anything else is <see cref="ApiPathKind.Other"/>.</summary>
    public static ApiRequest Parse(string path)
    {
        var parts = path.Trim('/').Split('/');
        if (parts.Length == 0 || parts[0] is not ("api" or "apis"))
        {
            return OtherPath;
        }

        int next;
        string group;
        string version;
        if (parts[0] == "api")
        {
            if (parts.Length == 1)
            {
                return OtherPath with { Kind = ApiPathKind.CoreVersions };
            }

            group = "";
            version = parts[1];
            next = 2;
        }
        else
        {
            if (parts.Length == 1)
            {
                return OtherPath with { Kind = ApiPathKind.GroupList };
            }

            if (parts.Length == 2)
            {
                return OtherPath with { Kind = ApiPathKind.Group, Group = parts[1] };
            }

            group = parts[1];
            version = parts[2];
            next = 3;
        }

        if (parts.Length == next)
        {
            return new ApiRequest(ApiPathKind.ResourceList, group, version, null, "", null, null);
        }

        var rest = parts.AsSpan(next);
        string? ns = null;

        // namespaces/{ns}/{resource}/... addresses a namespaced resource; namespaces/{name} alone is the object itself.
        if (rest[0] == "namespaces" && rest.Length >= 3)
        {
            ns = rest[1];
            rest = rest[2..];
        }

        if (rest.Length > 3 || rest.ToArray().Any(string.IsNullOrEmpty))
        {
            return OtherPath;
        }

        return new ApiRequest(
            ApiPathKind.Resource,
            group,
            version,
            ns,
            rest[0],
            rest.Length > 1 ? Uri.UnescapeDataString(rest[1]) : null,
            rest.Length > 2 ? rest[2] : null);
    }
}

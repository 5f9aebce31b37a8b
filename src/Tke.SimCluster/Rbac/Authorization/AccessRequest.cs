using Tke.ApiMachinery.Requests;

namespace Tke.SimCluster.Rbac.Authorization;

/// <summary>
/// A request in the terms RBAC rules speak (kube-apiserver's authorizer.Attributes): a resource
/// request (verb, API group, resource, subresource, namespace, name) or a non-resource one (verb
/// and URL path, e.g. get /version).
/// </summary>
public sealed record AccessRequest
{
    public required string Verb { get; init; }

    public string Group { get; init; } = "";

    public string Resource { get; init; } = "";

    public string Subresource { get; init; } = "";

    public string Namespace { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>The URL path of a non-resource request; null for a resource request.</summary>
    public string? Path { get; init; }

    public bool IsResourceRequest => Path is null;

    public static AccessRequest ForResource(string verb, string group, string resource, string? subresource = null, string? ns = null, string? name = null) => new()
    {
        Verb = verb,
        Group = group,
        Resource = resource,
        Subresource = subresource ?? "",
        Namespace = ns ?? "",
        Name = name ?? "",
    };

    public static AccessRequest ForPath(string verb, string path) => new() { Verb = verb, Path = path };

    /// <summary>The attributes the API surface authorizes. As kube-apiserver's request info, a request
    /// for a namespace object itself (/api/v1/namespaces/team) is in that namespace, so a RoleBinding
    /// there can grant reading it.</summary>
    public static AccessRequest From(ResourceAttributes attributes)
    {
        var ns = attributes.Namespace;
        if (string.IsNullOrEmpty(ns) && attributes.Group.Length == 0 && attributes.Resource == "namespaces" && !string.IsNullOrEmpty(attributes.Name))
        {
            ns = attributes.Name;
        }

        return ForResource(attributes.Verb, attributes.Group, attributes.Resource, attributes.Subresource, ns, attributes.Name);
    }

    /// <summary>kube-apiserver's forbidden message without its "forbidden:" prefix, e.g.
    /// <c>User "alice" cannot list resource "pods" in API group "" in the namespace "default"</c>.</summary>
    public string DescribeRefusal(string user)
    {
        if (!IsResourceRequest)
        {
            return $"User \"{user}\" cannot {Verb} path \"{Path}\"";
        }

        var resource = Subresource.Length == 0 ? Resource : $"{Resource}/{Subresource}";
        var scope = Namespace.Length == 0 ? "at the cluster scope" : $"in the namespace \"{Namespace}\"";
        return $"User \"{user}\" cannot {Verb} resource \"{resource}\" in API group \"{Group}\" {scope}";
    }
}

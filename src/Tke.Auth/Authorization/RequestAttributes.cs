namespace Tke.Auth.Authorization;

/// <summary>
/// What an API request does, as the server's request parser sees it (Kubernetes' RequestInfo):
/// the input of <see cref="ActionMapper"/>.
/// </summary>
public sealed record RequestAttributes
{
    /// <summary>get, list, watch, create, update, patch, delete, deletecollection; or the lower-case HTTP method of a non-resource request.</summary>
    public required string Verb { get; init; }

    /// <summary>API group, "" for the core group.</summary>
    public string ApiGroup { get; init; } = "";

    /// <summary>Resource plural, e.g. "deployments"; for a non-resource request its path.</summary>
    public string Resource { get; init; } = "";

    public string Name { get; init; } = "";

    public string Namespace { get; init; } = "";

    public string Subresource { get; init; } = "";

    /// <summary>The request path; needed for the /clusters/{cluster}/{kind}/{name} proxy form.</summary>
    public string Path { get; init; } = "";

    /// <summary>The target cluster of a proxied request (the X-TKE-ClusterName header), if any.</summary>
    public string ClusterName { get; init; } = "";

    public bool IsResourceRequest { get; init; } = true;
}

/// <summary>A request in TKEStack's policy vocabulary, e.g. ("listDeployments", "cluster:cls-1/namespace:demo/deployment:*").</summary>
public readonly record struct PolicyRequest(string Action, string Resource);

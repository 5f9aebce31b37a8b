namespace Tke.Auth.Authorization;

/// <summary>
/// Maps an API request to TKEStack's action and resource strings, as TKEStack's
/// ConvertTKEAttributes (pkg/auth/filter) does:
/// <list type="bullet">
/// <item>action = verb + Kind + Subresource with upper-case initials: "getCluster",
/// "listClusters", "createDeployment", "getPodLog", "listDeploymentPods". A list (or a get
/// without a name) keeps the plural; every other verb uses the singular. patch counts as update
/// and deletecollection as delete; a get of a subresource other than status, log or finalize
/// counts as a list.</item>
/// <item>resource = singular:name, "*" when the request names no object, prefixed by the
/// namespace ("namespace:ns/", "project:ns/" for business.tkestack.io, "registrynamespace:ns/" for
/// registry.tkestack.io) and then by the cluster ("cluster:cls-1/") when the request goes to one.</item>
/// <item>/apis/.../clusters/{cluster}/{kind}[/{name}[/{sub}]] addresses {kind} in {cluster}.</item>
/// <item>A non-resource request keeps its verb as the action and its path as the resource
/// (TKEStack also turned a non-resource "get" into "list"; here the verb is kept).</item>
/// </list>
/// </summary>
public static class ActionMapper
{
    public const string BusinessGroup = "business.tkestack.io";
    public const string RegistryGroup = "registry.tkestack.io";

    // Subresources that are part of reading one object rather than listing something under it.
    private static readonly HashSet<string> ObjectSubresources = new(StringComparer.Ordinal) { "status", "log", "finalize" };

    public static PolicyRequest Map(RequestAttributes request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var resourceType = request.Resource;
        var subresource = request.Subresource;
        var name = request.Name;
        var clusterName = "";

        if (resourceType == "namespaces" && request.ApiGroup == RegistryGroup)
        {
            resourceType = "registrynamespaces";
        }

        if (resourceType == "clusters" && subresource.Length > 0 && !ObjectSubresources.Contains(subresource))
        {
            resourceType = subresource;
            clusterName = name;
            name = NextPathPart(request.Path, subresource);
            subresource = name.Length > 0 ? NextPathPart(request.Path, name) : "";
        }

        var singular = resourceType == "status" ? resourceType : EnglishSingular.Of(resourceType);
        var verb = request.Verb;
        switch (request.IsResourceRequest ? verb : "")
        {
            case "list":
                if (name.Length > 0)
                {
                    resourceType = singular;
                }

                break;
            case "get":
                if (subresource.Length > 0 && !ObjectSubresources.Contains(subresource))
                {
                    verb = "list";
                }

                if (name.Length == 0)
                {
                    verb = "list";
                }
                else
                {
                    resourceType = singular;
                }

                break;
            case "patch":
                verb = "update";
                resourceType = singular;
                break;
            case "deletecollection":
                verb = "delete";
                resourceType = singular;
                break;
            default:
                resourceType = singular;
                break;
        }

        string action;
        string resource;
        if (request.IsResourceRequest)
        {
            action = string.Concat(verb, UpperFirst(resourceType), UpperFirst(subresource));
            resource = singular + ":" + (name.Length == 0 ? "*" : name);
        }
        else
        {
            action = verb;
            resource = request.Resource;
        }

        if (request.Namespace.Length > 0)
        {
            resource = request.ApiGroup switch
            {
                BusinessGroup => $"project:{request.Namespace}/{resource}",
                RegistryGroup => $"registrynamespace:{request.Namespace}/{resource}",
                _ when resourceType != "namespace" => $"namespace:{request.Namespace}/{resource}",
                _ => resource,
            };
        }

        if (request.ClusterName.Length > 0)
        {
            clusterName = request.ClusterName;
        }

        if (clusterName.Length > 0 && singular != "cluster")
        {
            resource = $"cluster:{clusterName}/{resource}";
        }

        return new PolicyRequest(action, resource);
    }

    private static string UpperFirst(string text) =>
        text.Length == 0 ? text : string.Concat(char.ToUpperInvariant(text[0]).ToString(), text.AsSpan(1));

    /// <summary>The path segment after the first segment equal to <paramref name="flag"/>, or "".</summary>
    private static string NextPathPart(string path, string flag)
    {
        var parts = path.Trim('/').Split('/');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (parts[i] == flag)
            {
                return parts[i + 1];
            }
        }

        return "";
    }
}

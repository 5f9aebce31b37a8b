using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Requests;
using Tke.ApiServer.Components;
using Tke.SimCluster.Rbac.Authorization;

namespace Tke.SimCluster.Rbac.Endpoints;

/// <summary>
/// Authorizes what the API surface does not see: non-resource paths (discovery, /version, /openapi,
/// /metrics; "get /version") and resource-shaped paths the server answers itself (selfsubjectreviews,
/// unknown resources). It is a path handler that takes a request only to refuse it with
/// kube-apiserver's 403; allowed requests go on to whoever serves them. Resource requests for the
/// served kinds are left to the API surface, whose authorizer is the same.
/// </summary>
public sealed class NonResourceRequestGuard(IClusterAuthorizer authorizer, KindCatalog catalog)
{
    private const string RefusalItem = "tke.simcluster.rbac.refusal";

    public PathHandler Handler => new("/", RefuseAsync) { Accepts = Refuses };

    /// <summary>The request as RBAC sees it, or null when the API surface authorizes it.</summary>
    public AccessRequest? AccessOf(HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        var parsed = ApiRequest.Parse(path);
        if (parsed.Kind != ApiPathKind.Resource)
        {
            // kube-apiserver's verb of a non-resource request is the lower-cased HTTP method.
            return AccessRequest.ForPath(request.Method.ToLowerInvariant(), path);
        }

        if (catalog.Find(parsed.Group, parsed.Version, parsed.Resource) is not null)
        {
            return null;
        }

        return AccessRequest.ForResource(ApiSurface.KubernetesVerb(request, parsed), parsed.Group, parsed.Resource, parsed.Subresource, parsed.Namespace, parsed.Name);
    }

    private bool Refuses(HttpRequest request)
    {
        if (request.HttpContext.Features.Get<RequestUser>() is not { } user || AccessOf(request) is not { } access)
        {
            return false;
        }

        var verdict = authorizer.Authorize(user, access);
        if (verdict.Allowed)
        {
            return false;
        }

        request.HttpContext.Items[RefusalItem] = Forbidden(user, access, verdict.Reason);
        return true;
    }

    private static Task RefuseAsync(HttpContext context, RequestUser user) =>
        throw (context.Items[RefusalItem] as StatusError ?? StatusError.Forbidden("forbidden"));

    /// <summary>kube-apiserver's 403 for a refused request, with the authorizer's reason after a colon.</summary>
    public static StatusError Forbidden(RequestUser user, AccessRequest access, string reason)
    {
        var why = access.DescribeRefusal(user.Name);
        why = reason.Length == 0 ? why : $"{why}: {reason}";
        return access.IsResourceRequest
            ? StatusError.Forbidden(access.Group, access.Resource, access.Name, why)
            : StatusError.Forbidden("", "", null, why);
    }
}

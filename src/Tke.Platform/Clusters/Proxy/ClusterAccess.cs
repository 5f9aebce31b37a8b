using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Requests;
using Tke.Platform.Apis;
using Tke.Platform.Apis.Clusters;

namespace Tke.Platform.Clusters.Proxy;

/// <summary>
/// Decides whether a caller may reach a cluster: the cluster must exist in the caller's tenant
/// (another tenant's cluster is 404, as everywhere else), and the platform's authorizer must allow
/// the target request with the cluster named, so that policies on cluster:cls-1/... apply.
/// </summary>
public sealed class ClusterAccess(ClusterStores stores, ApiSurface surface)
{
    public async Task<Cluster> FindVisibleAsync(string name, RequestUser user, CancellationToken cancellationToken) =>
        (Cluster)(await stores.Clusters.GetAsync(null, name, cancellationToken, user.TenantScope)).Object;

    /// <summary>Authorises a request to <paramref name="targetPath"/> of the cluster; throws 403 when denied.</summary>
    public async Task AuthorizeProxyAsync(HttpRequest request, string clusterName, string targetPath, RequestUser user, CancellationToken cancellationToken)
    {
        var target = ApiRequest.Parse(targetPath);
        if (target.Kind != ApiPathKind.Resource)
        {
            // Discovery, /version and the like reveal nothing beyond the cluster itself.
            await AuthorizeClusterReadAsync(clusterName, user, cancellationToken);
            return;
        }

        var verb = ClusterProxyVerb.For(request, target);
        var attributes = new ResourceAttributes(verb, target.Group, target.Version, target.Resource, target.Subresource, target.Namespace, target.Name)
        {
            ClusterName = clusterName,
        };
        var verdict = await surface.Authorizer.AuthorizeAsync(user, attributes, cancellationToken);
        if (!verdict.Allowed)
        {
            var what = target.Name is null ? $"{target.Resource}.{target.Group}" : $"{target.Resource}.{target.Group} \"{target.Name}\"";
            var scope = target.Namespace is null ? "at the cluster scope" : $"in the namespace \"{target.Namespace}\"";
            throw StatusError.Forbidden($"{what} is forbidden: User \"{user.Name}\" cannot {verb} resource \"{target.Resource}\" in API group \"{target.Group}\" {scope} of cluster \"{clusterName}\": {verdict.Reason}");
        }
    }

    /// <summary>get on clusters/{name}: what reading the cluster object needs.</summary>
    public async Task AuthorizeClusterReadAsync(string clusterName, RequestUser user, CancellationToken cancellationToken)
    {
        var attributes = new ResourceAttributes("get", PlatformApiGroup.GroupName, PlatformApiGroup.GroupVersion, "clusters", null, null, clusterName);
        var verdict = await surface.Authorizer.AuthorizeAsync(user, attributes, cancellationToken);
        if (!verdict.Allowed)
        {
            throw StatusError.Forbidden($"clusters.{PlatformApiGroup.GroupName} \"{clusterName}\" is forbidden: User \"{user.Name}\" cannot get resource \"clusters\" in API group \"{PlatformApiGroup.GroupName}\" at the cluster scope: {verdict.Reason}");
        }
    }
}

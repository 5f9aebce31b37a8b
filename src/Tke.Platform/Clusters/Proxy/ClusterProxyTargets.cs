using Tke.ApiMachinery.Requests;
using Tke.Platform.Apis.ClusterCredentials;
using Tke.Platform.Apis.Clusters;

namespace Tke.Platform.Clusters.Proxy;

/// <summary>
/// The cluster and credential a proxied request goes to, read from watch-fed mirrors so a
/// request costs no store query. Anything the mirrors cannot answer positively (not there yet,
/// another tenant's) is asked of the store, which gives the authoritative answer and error.
/// </summary>
public sealed class ClusterProxyTargets(StoreMirror<Cluster> clusters, StoreMirror<ClusterCredential> credentials, ClusterAccess access, ClusterStores stores)
{
    public async ValueTask<Cluster> FindVisibleAsync(string name, RequestUser user, CancellationToken cancellationToken) =>
        clusters.Find(name) is { } mirrored && Visible(mirrored.Spec.TenantID, user.TenantScope)
            ? mirrored
            : await access.FindVisibleAsync(name, user, cancellationToken);

    public async ValueTask<ClusterCredential?> CredentialOfAsync(Cluster cluster, CancellationToken cancellationToken)
    {
        if (cluster.Spec.ClusterCredentialRef?.Name is { Length: > 0 } name
            && credentials.Find(name) is { } mirrored
            && Visible(mirrored.TenantID, string.IsNullOrEmpty(cluster.Spec.TenantID) ? null : cluster.Spec.TenantID))
        {
            return mirrored;
        }

        return await new ClusterCredentialResolver(stores.Credentials).FindAsync(cluster, cancellationToken);
    }

    private static bool Visible(string? objectTenant, string? callerTenant) => callerTenant is null || objectTenant == callerTenant;
}

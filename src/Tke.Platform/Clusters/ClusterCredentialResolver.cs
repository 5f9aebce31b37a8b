using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Store;
using Tke.Platform.Apis.ClusterCredentials;
using Tke.Platform.Apis.Clusters;

namespace Tke.Platform.Clusters;

/// <summary>
/// Finds the credential of a cluster: the one spec.clusterCredentialRef names or, for clusters
/// created before that field existed, the one whose clusterName is the cluster. A credential of
/// another tenant than the cluster's is never used.
/// </summary>
public sealed class ClusterCredentialResolver(ResourceStore credentials)
{
    public async Task<ClusterCredential?> FindAsync(Cluster cluster, CancellationToken cancellationToken)
    {
        var tenant = string.IsNullOrEmpty(cluster.Spec.TenantID) ? null : cluster.Spec.TenantID;
        if (cluster.Spec.ClusterCredentialRef?.Name is { Length: > 0 } name)
        {
            try
            {
                return (ClusterCredential)(await credentials.GetAsync(null, name, cancellationToken, tenant)).Object;
            }
            catch (StatusError e) when (e.Code == 404)
            {
                return null;
            }
        }

        var all = await credentials.ListAsync(null, new ListQuery { Tenant = tenant }, cancellationToken);
        return all.Items.Select(i => (ClusterCredential)i.Object).FirstOrDefault(c => c.ClusterName == cluster.Metadata.Name);
    }
}

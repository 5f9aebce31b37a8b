using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Selectors;
using Tke.ApiMachinery.Store;
using Tke.Platform.Apis;
using Tke.Platform.Apis.ClusterCredentials;
using Tke.Platform.Apis.Clusters;

namespace Tke.Platform.Clusters;

/// <summary>
/// What belongs to a cluster and goes with it once the cluster is deleted: its ClusterCredential
/// (unless another cluster still uses it, or it names a different cluster), its Machines and its
/// add-ons. Removal runs after the Cluster is gone, like Kubernetes' background garbage
/// collection, so deleting a cluster never waits on it.
/// </summary>
public sealed class ClusterDependents(ApiSurface surface, KindCatalog catalog, ClusterStores stores, ILogger logger)
{
    // Kinds whose objects name their cluster in spec.clusterName.
    private static readonly string[] PerClusterKinds = ["machines", "tappcontrollers", "cronhpas", "persistentevents"];

    public async Task RemoveAsync(Cluster cluster, CancellationToken cancellationToken)
    {
        var name = cluster.Metadata.Name!;
        try
        {
            await RemoveCredentialAsync(cluster, cancellationToken);
            foreach (var plural in PerClusterKinds)
            {
                if (catalog.Find(PlatformApiGroup.GroupName, PlatformApiGroup.GroupVersion, plural) is { } kind)
                {
                    await RemoveNamingAsync(surface.StoreFor(kind), name, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "removing what belonged to deleted cluster {Cluster} failed", name);
        }
    }

    private async Task RemoveCredentialAsync(Cluster cluster, CancellationToken cancellationToken)
    {
        var name = cluster.Metadata.Name!;
        if (cluster.Spec.ClusterCredentialRef?.Name is not { Length: > 0 } credentialName)
        {
            return;
        }

        ClusterCredential credential;
        try
        {
            credential = (ClusterCredential)(await stores.Credentials.GetAsync(null, credentialName, cancellationToken)).Object;
        }
        catch (StatusError e) when (e.Code == 404)
        {
            return;
        }

        if (credential.ClusterName is { Length: > 0 } owner && owner != name)
        {
            return;
        }

        var clusters = await stores.Clusters.ListAsync(null, new ListQuery(), cancellationToken);
        if (clusters.Items.Any(i => ((Cluster)i.Object).Spec.ClusterCredentialRef?.Name == credentialName && i.Object.Metadata.Name != name))
        {
            return;
        }

        await DeleteQuietlyAsync(stores.Credentials, credentialName, credential.Metadata.Uid, cancellationToken);
    }

    private static async Task RemoveNamingAsync(ResourceStore store, string clusterName, CancellationToken cancellationToken)
    {
        var query = new ListQuery { Fields = FieldSelector.Parse("spec.clusterName=" + clusterName) };
        var page = await store.ListAsync(null, query, cancellationToken);
        foreach (var item in page.Items)
        {
            await DeleteQuietlyAsync(store, item.Object.Metadata.Name!, item.Object.Metadata.Uid, cancellationToken);
        }
    }

    private static async Task DeleteQuietlyAsync(ResourceStore store, string name, string? uid, CancellationToken cancellationToken)
    {
        try
        {
            // The UID precondition leaves alone an object re-created under the same name meanwhile.
            await store.DeleteAsync(null, name, new DeleteRequest(uid, null, null), ClusterStores.AsSystem(), cancellationToken);
        }
        catch (StatusError e) when (e.Code is 404 or 409)
        {
            // Gone already, or replaced: nothing of the deleted cluster's is left to remove.
        }
    }
}

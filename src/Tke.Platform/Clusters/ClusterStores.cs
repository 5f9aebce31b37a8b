using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Store;
using Tke.Platform.Apis;

namespace Tke.Platform.Clusters;

/// <summary>The Cluster and ClusterCredential stores, and the identity cluster controllers write as.</summary>
public sealed class ClusterStores(ApiSurface surface, KindCatalog catalog)
{
    /// <summary>Status written by the platform's own controllers, across all tenants.</summary>
    public static RequestUser System { get; } = new("system:tke-platform-controller", [RequestUser.AllTenantsGroup], "default");

    public ResourceStore Clusters { get; } = For(surface, catalog, "clusters");

    public ResourceStore Credentials { get; } = For(surface, catalog, "clustercredentials");

    public static WriteContext AsSystem() => new(System) { FieldValidation = FieldValidationMode.Strict };

    private static ResourceStore For(ApiSurface surface, KindCatalog catalog, string plural) =>
        surface.StoreFor(catalog.Find(PlatformApiGroup.GroupName, PlatformApiGroup.GroupVersion, plural)
            ?? throw new InvalidOperationException($"platform kind {plural} is not registered"));
}

using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Store;
using Tke.Auth.Apis;

namespace Tke.Auth.Server;

/// <summary>The auth group's resource stores, and the identity the auth component writes as.</summary>
public sealed class AuthStores(ApiSurface surface, KindCatalog catalog)
{
    /// <summary>The auth component's own writes (bootstrap, key rotation) are made as a platform-wide system user.</summary>
    public static RequestUser System { get; } = new("system:tke-auth", [RequestUser.AllTenantsGroup], "default");

    public ResourceStore For(string plural) =>
        surface.StoreFor(catalog.Find(AuthApiGroup.GroupName, "v1", plural) ?? throw new InvalidOperationException($"auth kind {plural} is not registered"));

    public ResourceStore LocalIdentities => For("localidentities");

    public ResourceStore Policies => For("policies");

    public ResourceStore IdentityProviders => For("identityproviders");

    public ResourceStore Clients => For("clients");

    public ResourceStore SigningKeys => For("apisigningkeys");

    public ResourceStore ApiKeys => For("apikeys");

    public static WriteContext AsSystem() => new(System) { FieldValidation = FieldValidationMode.Strict };

    /// <summary>Every object of a kind, typed.</summary>
    public static async Task<IReadOnlyList<T>> ListAllAsync<T>(ResourceStore store, CancellationToken cancellationToken)
        where T : Tke.ApiMachinery.Objects.ApiObject
    {
        var page = await store.ListAsync(null, new ListQuery(), cancellationToken);
        return page.Items.Select(i => (T)i.Object).ToArray();
    }
}

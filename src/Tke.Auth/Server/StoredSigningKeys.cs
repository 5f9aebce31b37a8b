using System.Text.Json;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Store;
using Tke.Auth.Apis.SigningKeys;
using Tke.Auth.Oidc.Keys;

namespace Tke.Auth.Server;

/// <summary>OIDC signing keys kept as APISigningKey objects (private key encrypted at rest), so
/// restarts and replicas share them.</summary>
public sealed class StoredSigningKeys(ResourceStore keys) : ISigningKeyStore
{
    public async ValueTask<IReadOnlyList<ApiSigningKey>> ListAsync(CancellationToken cancellationToken) =>
        (await AuthStores.ListAllAsync<ApiSigningKey>(keys, cancellationToken)).Where(SigningKeyObjectCodec.IsOidcKey).ToArray();

    public async ValueTask CreateAsync(ApiSigningKey key, CancellationToken cancellationToken) =>
        await keys.CreateAsync(null, ToNode(key), AuthStores.AsSystem(), cancellationToken);

    public async ValueTask UpdateAsync(ApiSigningKey key, CancellationToken cancellationToken)
    {
        try
        {
            var current = await keys.GetAsync(null, key.Metadata.Name!, cancellationToken);
            key.Metadata.ResourceVersion = current.Object.Metadata.ResourceVersion;
            await keys.UpdateAsync(null, key.Metadata.Name!, ToNode(key), null, AuthStores.AsSystem(), cancellationToken);
        }
        catch (StatusError e) when (e.Code is 404 or 409)
        {
            // Another replica changed or removed it first; the next refresh reads its result.
        }
    }

    public async ValueTask DeleteAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await keys.DeleteAsync(null, name, new DeleteRequest(null, null, null), AuthStores.AsSystem(), cancellationToken);
        }
        catch (StatusError e) when (e.Code == 404)
        {
        }
    }

    private static JsonNode ToNode(ApiSigningKey key) => JsonSerializer.SerializeToNode(key, ApiJson.Options)!;
}

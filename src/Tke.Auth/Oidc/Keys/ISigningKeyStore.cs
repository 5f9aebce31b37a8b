using Tke.Auth.Apis.SigningKeys;

namespace Tke.Auth.Oidc.Keys;

/// <summary>Where keys live between restarts and are shared by replicas: APISigningKey objects
/// labelled for OIDC.</summary>
public interface ISigningKeyStore
{
    ValueTask<IReadOnlyList<ApiSigningKey>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Creates the object; throws if one of that name exists (another replica won).</summary>
    ValueTask CreateAsync(ApiSigningKey key, CancellationToken cancellationToken);

    ValueTask UpdateAsync(ApiSigningKey key, CancellationToken cancellationToken);

    ValueTask DeleteAsync(string name, CancellationToken cancellationToken);
}

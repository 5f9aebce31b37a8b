using Tke.Auth.Apis.Clients;

namespace Tke.Auth.Oidc.Grants;

/// <summary>Looks up registered OAuth clients (the Client kind) by client ID.</summary>
public interface IOidcClientRegistry
{
    ValueTask<ClientSpec?> FindAsync(string clientId, CancellationToken cancellationToken);
}

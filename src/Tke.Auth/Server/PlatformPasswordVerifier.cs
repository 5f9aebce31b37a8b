using Tke.ApiMachinery.Store;
using Tke.Auth.Apis.IdentityProviders;
using Tke.Auth.Apis.LocalIdentities;
using Tke.Auth.Identity;
using Tke.Auth.Ldap;
using Tke.Auth.Oidc;
using Tke.Auth.Oidc.Grants;
using Tke.Auth.Oidc.Upstream;

namespace Tke.Auth.Server;

/// <summary>
/// Password logins for the OIDC token and login endpoints: the tenant's local users first,
/// then its LDAP identity providers, behind per-user and per-address throttling. Unknown users
/// and wrong passwords look the same to the caller.
/// </summary>
public sealed class PlatformPasswordVerifier(StoredLocalIdentities locals, ResourceStore identityProviders, ResourceStore localIdentities, LoginThrottle throttle, string defaultTenant) : IPasswordVerifier
{
    private readonly LocalPasswordConnector _local = new(locals);

    public async ValueTask<PasswordVerification> VerifyAsync(PasswordLogin login, CancellationToken cancellationToken)
    {
        var tenant = string.IsNullOrEmpty(login.TenantId) ? defaultTenant : login.TenantId;
        var result = await throttle.LoginAsync(new TenantConnectors(this, tenant), tenant, login.Username, login.Password, login.ClientAddress, cancellationToken);
        if (result.Succeeded && result.Identity is { } identity)
        {
            return PasswordVerification.Succeeded(new OidcIdentity(identity.UserId, identity.Username, identity.Email, identity.Groups, identity.TenantId));
        }

        return result.Failure == LoginFailure.Throttled && result.RetryAfter is { } retry
            ? PasswordVerification.Throttle(retry)
            : PasswordVerification.Failed;
    }

    /// <summary>A refresh re-reads the user, so deleting or locking a local user ends its sessions;
    /// users of an upstream OIDC provider stay valid while that provider does.</summary>
    public async ValueTask<OidcIdentity?> RefreshAsync(OidcIdentity identity, CancellationToken cancellationToken)
    {
        if (UpstreamUserId.TryGetProvider(identity.UserId, out var upstream))
        {
            return await IsOidcProviderAsync(upstream, cancellationToken) ? identity : null;
        }

        try
        {
            var item = await localIdentities.GetAsync(null, identity.UserId, cancellationToken);
            var user = (LocalIdentity)item.Object;
            return user.Status?.Locked == true || user.Status?.Phase == "Deleting"
                ? null
                : identity with { Name = user.Spec.Username, Email = string.IsNullOrEmpty(user.Spec.Email) ? identity.Email : user.Spec.Email, Groups = user.Spec.Groups ?? identity.Groups };
        }
        catch (Tke.ApiMachinery.Errors.StatusError e) when (e.Code == 404)
        {
            // Not a local user: identities from LDAP stay valid until their refresh token expires.
            return identity.UserId.Contains('=', StringComparison.Ordinal) ? identity : null;
        }
    }

    /// <summary>Whether the provider still exists as an OIDC provider; deleting it (or turning it
    /// into another type) ends the sessions it vouched for at their next refresh.</summary>
    private async Task<bool> IsOidcProviderAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var provider = (IdentityProvider)(await identityProviders.GetAsync(null, name, cancellationToken)).Object;
            return provider.Spec.Type == StoredUpstreamProviders.ProviderType;
        }
        catch (Tke.ApiMachinery.Errors.StatusError e) when (e.Code is 404 or 400 or 422)
        {
            return false;
        }
    }

    private async Task<IReadOnlyList<IdentityProvider>> LdapProvidersAsync(string tenant, CancellationToken cancellationToken)
    {
        var all = await AuthStores.ListAllAsync<IdentityProvider>(identityProviders, cancellationToken);
        return all.Where(p => p.Spec.Type == "ldap" && p.Metadata.Name == tenant).ToArray(); // providers are named after their tenant
    }

    /// <summary>The connectors of one tenant, tried in order until one recognises the user.</summary>
    private sealed class TenantConnectors(PlatformPasswordVerifier owner, string tenant) : IPasswordConnector
    {
        public async Task<LoginResult> LoginAsync(string tenantId, string username, string password, CancellationToken cancellationToken = default)
        {
            var local = await owner._local.LoginAsync(tenant, username, password, cancellationToken);
            if (local.Succeeded)
            {
                return local;
            }

            foreach (var provider in await owner.LdapProvidersAsync(tenant, cancellationToken))
            {
                using var ldap = LdapPasswordConnector.FromIdentityProvider(provider);
                var result = await ldap.LoginAsync(tenant, username, password, cancellationToken);
                if (result.Succeeded)
                {
                    return result;
                }
            }

            return LoginResult.InvalidCredentials();
        }
    }
}

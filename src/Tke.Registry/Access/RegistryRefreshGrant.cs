using Tke.ApiMachinery.Requests;

namespace Tke.Registry.Access;

/// <summary>
/// Refresh tokens as Docker's OAuth2 token specification has them: issued at a login that asks
/// for offline access, exchanged later for access tokens of any scope. An exchange resolves the
/// user again as a login would: an access credential the user logged in with is verified by the
/// platform again (a deleted, disabled or expired one fails), and the local account must still be
/// the same one, neither locked nor being deleted. Users without a local account (LDAP) stay valid
/// until the token expires, as with the platform's own OIDC refresh tokens.
/// </summary>
public sealed class RegistryRefreshGrant(
    RegistryAccessOptions options,
    RegistryRefreshTokenIssuer issuer,
    RegistryRefreshTokenValidator validator,
    ICredentialVerifier credentials,
    LocalAccounts accounts)
{
    /// <param name="tenant">The tenant whose registry the login addressed.</param>
    /// <param name="credential">The access credential the user logged in with; null for a password.</param>
    public async ValueTask<string> IssueAsync(RequestUser user, string tenant, string? credential, string clientId, CancellationToken cancellationToken)
    {
        var userTenant = TenantOf(user);
        var account = await accounts.FindAsync(userTenant, user.Name, cancellationToken);
        return issuer.Issue(user.Name, user.Groups, tenant, userTenant, account?.Uid, credential, clientId).Jwt;
    }

    /// <summary>The user a refresh token names as they are now, and the tenant it is for; or why
    /// the token no longer stands for anyone.</summary>
    /// <param name="hostTenant">The tenant the request addresses by its host name, or null.</param>
    public async ValueTask<RefreshRedemption> RedeemAsync(string refreshToken, string? hostTenant, CancellationToken cancellationToken)
    {
        if (validator.Validate(refreshToken, out var problem) is not { } token)
        {
            return RefreshRedemption.Refused(problem ?? "the refresh token is not valid");
        }

        if (hostTenant is not null && hostTenant != token.Tenant)
        {
            return RefreshRedemption.Refused($"the refresh token is for the registry of tenant \"{token.Tenant}\"");
        }

        var user = new RequestUser(token.Subject, token.Groups, token.UserTenant);
        if (token.AccessCredential is { } credential)
        {
            var verified = await credentials.VerifyBearerAsync(credential, cancellationToken);
            if (verified.User is not { } owner)
            {
                return RefreshRedemption.Refused("the access credential of this login is no longer valid: " + (verified.Failure ?? "refused"));
            }

            if (owner.Name != token.Subject || TenantOf(owner) != token.UserTenant)
            {
                return RefreshRedemption.Refused("the access credential of this login names another user");
            }

            user = owner;
        }

        var account = await accounts.FindAsync(token.UserTenant, token.Subject, cancellationToken);
        if (token.AccountUid is { } uid)
        {
            if (account is null || account.Uid != uid)
            {
                return RefreshRedemption.Refused($"user \"{token.Subject}\" no longer exists");
            }

            if (!account.MayLogIn)
            {
                return RefreshRedemption.Refused($"user \"{token.Subject}\" may no longer log in");
            }

            if (token.AccessCredential is null)
            {
                // A password login takes the account's groups; so does its refresh, so group changes count.
                user = user with { Groups = account.Groups.Contains("system:authenticated") ? account.Groups : [.. account.Groups, "system:authenticated"] };
            }
        }
        else if (account is not null)
        {
            // The login had no local account; one created since under the same name is someone else.
            return RefreshRedemption.Refused($"user \"{token.Subject}\" is another account than at login");
        }

        return new RefreshRedemption(user, token.Tenant, null);
    }

    private string TenantOf(RequestUser user) => string.IsNullOrEmpty(user.TenantId) ? options.DefaultTenant : user.TenantId;
}

/// <summary>What a refresh token stands for now: the user and the tenant whose registry it
/// addresses, or why it stands for nobody.</summary>
public sealed record RefreshRedemption(RequestUser? User, string? Tenant, string? Problem)
{
    public static RefreshRedemption Refused(string problem) => new(null, null, problem);
}

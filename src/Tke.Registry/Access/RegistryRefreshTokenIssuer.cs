using System.Security.Cryptography;

namespace Tke.Registry.Access;

/// <summary>
/// Writes refresh tokens: RS256 JWTs signed with the registry key, but typed
/// <see cref="RegistryJwt.RefreshType"/> and addressed to <see cref="Audience"/> rather than to the
/// service, so that neither the registry takes one for an access token nor the token service an
/// access token for one. A login's access credential travels sealed (<see cref="CredentialSeal"/>).
/// </summary>
public sealed class RegistryRefreshTokenIssuer(RegistryAccessOptions options, RegistryTokenKey key, CredentialSeal seal, TimeProvider clock)
{
    public const string AccountClaim = "acct";
    public const string CredentialClaim = "cred";
    public const string ClientClaim = "client_id";

    /// <summary>The audience of refresh tokens for <paramref name="service"/>: only that service's token service takes them.</summary>
    public static string Audience(string service) => service + "/refresh";

    public (string Jwt, RegistryRefreshToken Token) Issue(string subject, IReadOnlyList<string> groups, string tenant, string userTenant, string? accountUid, string? accessCredential, string clientId)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds());
        var token = new RegistryRefreshToken(subject, groups, tenant, userTenant, accountUid, accessCredential, clientId, now, now + options.RefreshTokenLifetime);
        var jwt = RegistryJwt.Sign(key, RegistryJwt.RefreshType, json =>
        {
            json.WriteString("iss", options.Issuer);
            json.WriteString("sub", token.Subject);
            json.WriteString("aud", Audience(options.Service));
            json.WriteNumber("exp", token.ExpiresAt.ToUnixTimeSeconds());
            json.WriteNumber("nbf", token.IssuedAt.ToUnixTimeSeconds());
            json.WriteNumber("iat", token.IssuedAt.ToUnixTimeSeconds());
            json.WriteString("jti", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
            json.WriteString(RegistryTokenIssuer.TenantClaim, token.Tenant);
            json.WriteString(RegistryTokenIssuer.UserTenantClaim, token.UserTenant);
            RegistryJwt.WriteStrings(json, RegistryTokenIssuer.GroupsClaim, token.Groups);
            json.WriteString(ClientClaim, token.ClientId);
            if (token.AccountUid is { } uid)
            {
                json.WriteString(AccountClaim, uid);
            }

            if (token.AccessCredential is { } credential)
            {
                json.WriteString(CredentialClaim, seal.Seal(credential, token.Subject));
            }
        });
        return (jwt, token);
    }
}

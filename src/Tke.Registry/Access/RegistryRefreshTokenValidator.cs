using System.Security.Cryptography;
using System.Text.Json;

namespace Tke.Registry.Access;

/// <summary>
/// Checks a refresh token: signed by the registry key (RS256), typed and addressed as a refresh
/// token of this service and issuer, within its lifetime, and naming a user and tenant. Whether
/// that user may still have access tokens is <see cref="RegistryRefreshGrant"/>'s question.
/// </summary>
public sealed class RegistryRefreshTokenValidator(RegistryAccessOptions options, RegistryTokenKey key, CredentialSeal seal, TimeProvider clock)
{
    /// <summary>The token's claims, or null with the reason it is refused.</summary>
    public RegistryRefreshToken? Validate(string jwt, out string? problem)
    {
        try
        {
            using var payload = RegistryJwt.Open(key, jwt, "the refresh token", out var type, out problem);
            if (payload is null)
            {
                return null;
            }

            var claims = payload.RootElement;
            if (type != RegistryJwt.RefreshType || RegistryJwt.Text(claims, "iss") != options.Issuer)
            {
                problem = "not a refresh token of this registry";
                return null;
            }

            if (!RegistryJwt.HasAudience(claims, RegistryRefreshTokenIssuer.Audience(options.Service)))
            {
                problem = $"the refresh token is not for service \"{options.Service}\"";
                return null;
            }

            var now = clock.GetUtcNow();
            var expires = DateTimeOffset.FromUnixTimeSeconds(RegistryJwt.Number(claims, "exp") ?? 0);
            if (expires + options.ClockSkew <= now)
            {
                problem = "the refresh token has expired; log in again";
                return null;
            }

            if (RegistryJwt.Number(claims, "nbf") is { } nbf && DateTimeOffset.FromUnixTimeSeconds(nbf) - options.ClockSkew > now)
            {
                problem = "the refresh token is not valid yet";
                return null;
            }

            var subject = RegistryJwt.Text(claims, "sub");
            var tenant = RegistryJwt.Text(claims, RegistryTokenIssuer.TenantClaim);
            var userTenant = RegistryJwt.Text(claims, RegistryTokenIssuer.UserTenantClaim);
            if (string.IsNullOrEmpty(subject) || string.IsNullOrEmpty(tenant) || userTenant is null)
            {
                problem = "the refresh token is malformed";
                return null;
            }

            string? credential = null;
            if (RegistryJwt.Text(claims, RegistryRefreshTokenIssuer.CredentialClaim) is { } sealedCredential
                && (credential = seal.Open(sealedCredential, subject)) is null)
            {
                problem = "the refresh token is malformed";
                return null;
            }

            problem = null;
            return new RegistryRefreshToken(
                subject,
                RegistryJwt.Strings(claims, RegistryTokenIssuer.GroupsClaim),
                tenant,
                userTenant,
                RegistryJwt.Text(claims, RegistryRefreshTokenIssuer.AccountClaim),
                credential,
                RegistryJwt.Text(claims, RegistryRefreshTokenIssuer.ClientClaim) ?? "",
                DateTimeOffset.FromUnixTimeSeconds(RegistryJwt.Number(claims, "iat") ?? 0),
                expires);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or CryptographicException)
        {
            problem = "the refresh token is malformed";
            return null;
        }
    }
}

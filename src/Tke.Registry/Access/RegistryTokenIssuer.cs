using System.Security.Cryptography;

namespace Tke.Registry.Access;

/// <summary>Writes registry tokens: RS256 JWTs in the shape of Docker's token specification
/// (iss, sub, aud = service, exp, nbf, iat, jti, access), plus the tenant claims the registry needs.</summary>
public sealed class RegistryTokenIssuer(RegistryAccessOptions options, RegistryTokenKey key, TimeProvider clock)
{
    public const string TenantClaim = "tenant";
    public const string UserTenantClaim = "user_tenant";
    public const string GroupsClaim = "groups";

    public (string Jwt, RegistryToken Token) Issue(string subject, IReadOnlyList<string> groups, string tenant, string? userTenant, IReadOnlyList<RegistryScope> access)
    {
        // Whole seconds, as the JWT carries them, so the returned record equals what validation reads back.
        var now = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds());
        var token = new RegistryToken(subject, groups, tenant, userTenant, access, now, now + options.TokenLifetime);
        return (Write(token), token);
    }

    private string Write(RegistryToken token) => RegistryJwt.Sign(key, RegistryJwt.AccessType, json =>
    {
        json.WriteString("iss", options.Issuer);
        json.WriteString("sub", token.Subject);
        json.WriteString("aud", options.Service);
        json.WriteNumber("exp", token.ExpiresAt.ToUnixTimeSeconds());
        json.WriteNumber("nbf", token.IssuedAt.ToUnixTimeSeconds());
        json.WriteNumber("iat", token.IssuedAt.ToUnixTimeSeconds());
        json.WriteString("jti", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        json.WriteStartArray("access");
        foreach (var scope in token.Access)
        {
            json.WriteStartObject();
            json.WriteString("type", scope.Type);
            json.WriteString("name", scope.Name);
            RegistryJwt.WriteStrings(json, "actions", scope.Actions);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString(TenantClaim, token.Tenant);
        if (token.UserTenant is { } userTenant)
        {
            json.WriteString(UserTenantClaim, userTenant);
        }

        RegistryJwt.WriteStrings(json, GroupsClaim, token.Groups);
    });
}

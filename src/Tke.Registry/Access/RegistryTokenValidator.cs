using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;

namespace Tke.Registry.Access;

/// <summary>
/// Checks a registry token: the registry's own key signed it (RS256 only), it is an access token
/// (never a refresh token), it is for this service and issuer, and it is within its lifetime. A
/// verified token is remembered until it expires, so a push of many layers checks the signature once.
/// </summary>
public sealed class RegistryTokenValidator(RegistryAccessOptions options, RegistryTokenKey key, TimeProvider clock)
{
    private const int MaxRemembered = 10_000;
    private readonly ConcurrentDictionary<string, RegistryToken> _verified = new(StringComparer.Ordinal);

    /// <summary>The token's claims, or null with the reason it is refused.</summary>
    public RegistryToken? Validate(string jwt, out string? problem)
    {
        problem = null;
        var now = clock.GetUtcNow();
        if (_verified.TryGetValue(jwt, out var known))
        {
            if (known.ExpiresAt + options.ClockSkew > now)
            {
                return known;
            }

            _verified.TryRemove(jwt, out _);
            problem = "the registry token has expired";
            return null;
        }

        var token = Verify(jwt, now, out problem);
        if (token is not null)
        {
            if (_verified.Count >= MaxRemembered)
            {
                _verified.Clear(); // bounded memory; later requests verify again
            }

            _verified[jwt] = token;
        }

        return token;
    }

    /// <summary>Whether the token was issued by this registry's token service (rather than, say,
    /// a platform token the registry should hand on to the platform's verifier).</summary>
    public bool IsRegistryIssued(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }

        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return payload.RootElement.TryGetProperty("iss", out var iss) && iss.ValueKind == JsonValueKind.String && iss.GetString() == options.Issuer;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }
    }

    private RegistryToken? Verify(string jwt, DateTimeOffset now, out string? problem)
    {
        try
        {
            using var payload = RegistryJwt.Open(key, jwt, "the registry token", out var type, out problem);
            if (payload is null)
            {
                return null;
            }

            if (type == RegistryJwt.RefreshType)
            {
                problem = "a refresh token is not a registry token; exchange it at the token service";
                return null;
            }

            var claims = payload.RootElement;
            if (RegistryJwt.Text(claims, "iss") != options.Issuer)
            {
                problem = "the registry token has another issuer";
                return null;
            }

            if (!RegistryJwt.HasAudience(claims, options.Service))
            {
                problem = $"the registry token is not for service \"{options.Service}\"";
                return null;
            }

            var expires = DateTimeOffset.FromUnixTimeSeconds(RegistryJwt.Number(claims, "exp") ?? 0);
            if (expires + options.ClockSkew <= now)
            {
                problem = "the registry token has expired";
                return null;
            }

            if (RegistryJwt.Number(claims, "nbf") is { } nbf && DateTimeOffset.FromUnixTimeSeconds(nbf) - options.ClockSkew > now)
            {
                problem = "the registry token is not valid yet";
                return null;
            }

            problem = null;
            return new RegistryToken(
                RegistryJwt.Text(claims, "sub") ?? "",
                RegistryJwt.Strings(claims, RegistryTokenIssuer.GroupsClaim),
                RegistryJwt.Text(claims, RegistryTokenIssuer.TenantClaim) ?? options.DefaultTenant,
                RegistryJwt.Text(claims, RegistryTokenIssuer.UserTenantClaim),
                Access(claims),
                DateTimeOffset.FromUnixTimeSeconds(RegistryJwt.Number(claims, "iat") ?? 0),
                expires);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or CryptographicException)
        {
            problem = "the registry token is malformed";
            return null;
        }
    }

    private static IReadOnlyList<RegistryScope> Access(JsonElement claims)
    {
        if (!claims.TryGetProperty("access", out var access) || access.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return access.EnumerateArray()
            .Where(a => a.ValueKind == JsonValueKind.Object)
            .Select(a => new RegistryScope(RegistryJwt.Text(a, "type") ?? "", RegistryJwt.Text(a, "name") ?? "", RegistryJwt.Strings(a, "actions")))
            .ToArray();
    }
}

using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Tke.Registry.Access;

/// <summary>
/// Checks a registry token: the registry's own key signed it (RS256 only), it is for this
/// service and issuer, and it is within its lifetime. A verified token is remembered until it
/// expires, so a push of many layers checks the signature once.
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
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            problem = "the registry token is not a JWT";
            return null;
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.GetString() != "RS256")
            {
                problem = "the registry token must be signed with RS256";
                return null;
            }

            var signature = Base64Url.DecodeFromChars(parts[2]);
            var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            if (!key.Rsa.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                problem = "the registry token's signature is not valid";
                return null;
            }

            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var claims = payload.RootElement;
            if (Text(claims, "iss") != options.Issuer)
            {
                problem = "the registry token has another issuer";
                return null;
            }

            if (!HasAudience(claims, options.Service))
            {
                problem = $"the registry token is not for service \"{options.Service}\"";
                return null;
            }

            var expires = DateTimeOffset.FromUnixTimeSeconds(Number(claims, "exp") ?? 0);
            if (expires + options.ClockSkew <= now)
            {
                problem = "the registry token has expired";
                return null;
            }

            if (Number(claims, "nbf") is { } nbf && DateTimeOffset.FromUnixTimeSeconds(nbf) - options.ClockSkew > now)
            {
                problem = "the registry token is not valid yet";
                return null;
            }

            problem = null;
            return new RegistryToken(
                Text(claims, "sub") ?? "",
                Strings(claims, RegistryTokenIssuer.GroupsClaim),
                Text(claims, RegistryTokenIssuer.TenantClaim) ?? options.DefaultTenant,
                Text(claims, RegistryTokenIssuer.UserTenantClaim),
                Access(claims),
                DateTimeOffset.FromUnixTimeSeconds(Number(claims, "iat") ?? 0),
                expires);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or CryptographicException)
        {
            problem = "the registry token is malformed";
            return null;
        }
    }

    private static string? Text(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Number(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;

    private static IReadOnlyList<string> Strings(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray()
            : [];

    private static bool HasAudience(JsonElement claims, string service) =>
        claims.TryGetProperty("aud", out var aud) && aud.ValueKind switch
        {
            JsonValueKind.String => aud.GetString() == service,
            JsonValueKind.Array => aud.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && a.GetString() == service),
            _ => false,
        };

    private static IReadOnlyList<RegistryScope> Access(JsonElement claims)
    {
        if (!claims.TryGetProperty("access", out var access) || access.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return access.EnumerateArray()
            .Where(a => a.ValueKind == JsonValueKind.Object)
            .Select(a => new RegistryScope(Text(a, "type") ?? "", Text(a, "name") ?? "", Strings(a, "actions")))
            .ToArray();
    }
}

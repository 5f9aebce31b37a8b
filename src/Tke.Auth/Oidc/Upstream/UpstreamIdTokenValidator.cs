using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Tke.Auth.Oidc.Upstream;

/// <summary>
/// Validates an ID token from an upstream provider (OIDC Core 3.1.3.7): signature against the
/// upstream's JWKS (RS256 or ES256), then issuer, audience (our client ID), times and nonce. No
/// claim is read before the signature is known to be good.
/// </summary>
public sealed class UpstreamIdTokenValidator(string issuer, string clientId, TimeProvider time)
{
    public const string Rs256 = "RS256";
    public const string Es256 = "ES256";

    private const int MaxTokenLength = 64 * 1024;

    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    /// <summary>Tolerated difference between our clock and the upstream's.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <param name="expectedNonce">The nonce sent in the authorization request; the token must carry it.</param>
    /// <exception cref="UpstreamIdTokenException">The token must not be trusted.</exception>
    public UpstreamClaims Validate(string token, UpstreamKeySet keys, string expectedNonce)
    {
        var (alg, kid, payloadStart, signatureStart) = ReadHeader(token);
        var candidates = keys.Candidates(kid, alg).ToArray();
        if (candidates.Length == 0)
        {
            throw new UpstreamIdTokenException(UpstreamTokenProblem.UnknownKey, "it is signed by a key the upstream does not publish");
        }

        var signature = Decode(token.AsSpan(signatureStart), "signature");
        var input = Encoding.ASCII.GetBytes(token[..(signatureStart - 1)]);
        if (!candidates.Any(k => k.Verify(alg, input, signature)))
        {
            throw new UpstreamIdTokenException(UpstreamTokenProblem.BadSignature, "its signature is not valid");
        }

        UpstreamClaims claims;
        try
        {
            claims = UpstreamClaims.Parse(Decode(token.AsSpan(payloadStart, signatureStart - 1 - payloadStart), "payload"))
                ?? throw new UpstreamIdTokenException(UpstreamTokenProblem.Malformed, "its payload is not a JSON object");
        }
        catch (JsonException)
        {
            throw new UpstreamIdTokenException(UpstreamTokenProblem.Malformed, "its payload is not JSON");
        }

        CheckClaims(claims, expectedNonce);
        return claims;
    }

    private void CheckClaims(UpstreamClaims claims, string expectedNonce)
    {
        if (string.IsNullOrEmpty(claims.Subject))
        {
            throw new UpstreamIdTokenException(UpstreamTokenProblem.MissingClaim, "it has no sub claim");
        }

        if (!string.Equals(claims.String("iss")?.TrimEnd('/'), issuer.TrimEnd('/'), StringComparison.Ordinal))
        {
            throw new UpstreamIdTokenException(UpstreamTokenProblem.WrongIssuer, "it was issued by another issuer");
        }

        var audiences = Audiences(claims);
        if (!audiences.Contains(clientId, StringComparer.Ordinal))
        {
            throw new UpstreamIdTokenException(UpstreamTokenProblem.WrongAudience, "it was issued to another client");
        }

        // With several audiences the authorized party says which of them the token is for.
        if (claims.String("azp") is { } azp ? azp != clientId : claims.Has("azp"))
        {
            throw new UpstreamIdTokenException(UpstreamTokenProblem.WrongAudience, "it was issued to another authorized party");
        }

        var now = time.GetUtcNow();
        var exp = Seconds(claims, "exp") ?? throw new UpstreamIdTokenException(UpstreamTokenProblem.MissingClaim, "it has no exp claim");
        if (now >= exp + ClockSkew)
        {
            throw new UpstreamIdTokenException(UpstreamTokenProblem.Expired, "it has expired");
        }

        if (Seconds(claims, "nbf") is { } nbf && now + ClockSkew < nbf)
        {
            throw new UpstreamIdTokenException(UpstreamTokenProblem.NotYetValid, "it is not valid yet");
        }

        if (Seconds(claims, "iat") is { } iat && now + ClockSkew < iat)
        {
            throw new UpstreamIdTokenException(UpstreamTokenProblem.NotYetValid, "it was issued in the future");
        }

        var nonce = claims.String("nonce");
        if (nonce is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(nonce), Encoding.UTF8.GetBytes(expectedNonce)))
        {
            throw new UpstreamIdTokenException(UpstreamTokenProblem.NonceMismatch, "its nonce does not match the sign-in request");
        }
    }

    private static (string Alg, string? Kid, int PayloadStart, int SignatureStart) ReadHeader(string token)
    {
        if (token.Length > MaxTokenLength)
        {
            throw new UpstreamIdTokenException(UpstreamTokenProblem.Malformed, "it is too long");
        }

        var first = token.IndexOf('.');
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (second < 0 || token.IndexOf('.', second + 1) >= 0 || token.AsSpan().IndexOfAnyExcept(TokenChars) >= 0)
        {
            throw new UpstreamIdTokenException(UpstreamTokenProblem.Malformed, "it is not a signed JWT");
        }

        string? alg = null, kid = null;
        try
        {
            using var header = JsonDocument.Parse(Decode(token.AsSpan(0, first), "header"));
            if (header.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new UpstreamIdTokenException(UpstreamTokenProblem.Malformed, "its header is not a JSON object");
            }

            foreach (var property in header.RootElement.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "alg" when property.Value.ValueKind == JsonValueKind.String:
                        alg = property.Value.GetString();
                        break;
                    case "kid" when property.Value.ValueKind == JsonValueKind.String:
                        kid = property.Value.GetString();
                        break;
                    case "crit":
                        // RFC 7515 4.1.11: extensions we do not understand must be refused.
                        throw new UpstreamIdTokenException(UpstreamTokenProblem.Malformed, "its header has critical extensions");
                }
            }
        }
        catch (JsonException)
        {
            throw new UpstreamIdTokenException(UpstreamTokenProblem.Malformed, "its header is not JSON");
        }

        // "none" and HMAC algorithms would let anyone who knows the client secret, or no one, sign.
        if (alg is not (Rs256 or Es256))
        {
            throw new UpstreamIdTokenException(UpstreamTokenProblem.UnsupportedAlgorithm, "only RS256 and ES256 signatures are accepted");
        }

        return (alg, string.IsNullOrEmpty(kid) ? null : kid, first + 1, second + 1);
    }

    private static List<string> Audiences(UpstreamClaims claims)
    {
        var audiences = new List<string>();
        switch (claims.Get("aud"))
        {
            case { ValueKind: JsonValueKind.String } single:
                audiences.Add(single.GetString()!);
                break;
            case { ValueKind: JsonValueKind.Array } array:
                audiences.AddRange(array.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!));
                break;
        }

        return audiences;
    }

    private static DateTimeOffset? Seconds(UpstreamClaims claims, string name)
    {
        if (claims.Get(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var seconds) || seconds is < 0 or > 253402300799)
        {
            throw new UpstreamIdTokenException(UpstreamTokenProblem.Malformed, $"its {name} claim is not a time");
        }

        return DateTimeOffset.FromUnixTimeSeconds((long)seconds);
    }

    private static byte[] Decode(ReadOnlySpan<char> encoded, string part)
    {
        try
        {
            return Base64Url.DecodeFromChars(encoded);
        }
        catch (FormatException)
        {
            throw new UpstreamIdTokenException(UpstreamTokenProblem.Malformed, $"its {part} is not base64url");
        }
    }
}

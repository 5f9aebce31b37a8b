using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Tke.Auth.Oidc.Keys;

namespace Tke.Auth.Oidc.Tokens;

/// <summary>Verifies compact RS256 JWTs issued by this provider: shape, algorithm, key,
/// signature, issuer, audience and times, in that order, so no claim is read before the
/// signature is known to be good.</summary>
public sealed class TokenValidator(OidcOptions options, SigningKeyRing keys, TimeProvider time)
{
    // Far above any token we issue; bounds the work an attacker can make us do.
    private const int MaxTokenLength = 16 * 1024;
    private const int MaxHeaderLength = 1024;

    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    private readonly HashSet<string> _audiences = new(options.ApiAudiences, StringComparer.Ordinal);

    /// <summary>Whether a bearer credential is meant to be a JWT at all (its header starts with
    /// `{"`); other credentials (API keys, the bootstrap token) are left to other authenticators.</summary>
    public static bool LooksLikeJwt(string token) => token.StartsWith("eyJ", StringComparison.Ordinal);

    /// <param name="checkAudience">False where any client's token is acceptable (userinfo, logout).</param>
    /// <param name="allowExpired">True only for logout hints, which may outlive the token.</param>
    public ValidatedToken Validate(string token, bool checkAudience = true, bool allowExpired = false)
    {
        if (token.Length > MaxTokenLength)
        {
            throw Reject(TokenRejection.Malformed, "token is too long");
        }

        var first = token.IndexOf('.');
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (second < 0 || token.IndexOf('.', second + 1) >= 0)
        {
            throw Reject(TokenRejection.Malformed, "token is not a JWT: it must have three dot-separated parts");
        }

        if (token.AsSpan().IndexOfAnyExcept(TokenChars) >= 0)
        {
            throw Reject(TokenRejection.Malformed, "token has characters outside base64url");
        }

        var header = ReadHeader(token.AsSpan(0, first));
        var set = keys.Current;
        var key = set.Find(header.Kid) ?? throw Reject(TokenRejection.UnknownKey, "token is signed by an unknown key");
        var now = time.GetUtcNow();
        if (key.VerifyUntil <= now)
        {
            throw Reject(TokenRejection.UnknownKey, "token is signed by a retired key");
        }

        VerifySignature(key, token, second);
        var claims = ReadPayload(token.AsSpan(first + 1, second - first - 1), header, key.Kid);

        if (!string.Equals(claims.Issuer, options.Issuer, StringComparison.Ordinal))
        {
            throw Reject(TokenRejection.WrongIssuer, "token was issued by another issuer");
        }

        if (checkAudience && _audiences.Count > 0 && !claims.Audiences.Any(_audiences.Contains))
        {
            throw Reject(TokenRejection.WrongAudience, "token is not meant for this audience");
        }

        if (!allowExpired && now >= claims.ExpiresAt + options.ClockSkew)
        {
            throw Reject(TokenRejection.Expired, "token has expired");
        }

        if (claims.IssuedAt is { } iat && iat > now + options.ClockSkew)
        {
            throw Reject(TokenRejection.NotYetValid, "token was issued in the future");
        }

        return claims;
    }

    private static (string Kid, TokenKind Kind) ReadHeader(ReadOnlySpan<char> encoded)
    {
        if (encoded.Length > MaxHeaderLength)
        {
            throw Reject(TokenRejection.Malformed, "token header is too long");
        }

        Span<byte> bytes = stackalloc byte[MaxHeaderLength];
        var json = Decode(encoded, bytes, "header");
        string? alg = null, kid = null, typ = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            ExpectObject(ref reader, "header");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("alg"u8))
                {
                    alg = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("kid"u8))
                {
                    kid = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("typ"u8))
                {
                    typ = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("crit"u8))
                {
                    // RFC 7515 4.1.11: extensions we do not understand must be refused.
                    throw Reject(TokenRejection.Malformed, "token header has critical extensions");
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            throw Reject(TokenRejection.Malformed, "token header is not JSON");
        }
        catch (InvalidOperationException)
        {
            throw Reject(TokenRejection.Malformed, "token header has a field of the wrong type");
        }

        if (alg != SigningKey.Algorithm)
        {
            throw Reject(TokenRejection.UnsupportedAlgorithm, alg is null ? "token header has no alg" : $"token algorithm {Printable(alg)} is not accepted; only RS256 is");
        }

        if (string.IsNullOrEmpty(kid))
        {
            throw Reject(TokenRejection.UnknownKey, "token header has no kid");
        }

        return (kid, string.Equals(typ, TokenIssuer.AccessTokenType, StringComparison.OrdinalIgnoreCase) ? TokenKind.AccessToken : TokenKind.IdToken);
    }

    private static void VerifySignature(SigningKey key, string token, int signingInputLength)
    {
        var signatureChars = token.AsSpan(signingInputLength + 1);
        Span<byte> signature = stackalloc byte[512];
        if (Base64Url.GetMaxDecodedLength(signatureChars.Length) > signature.Length)
        {
            throw Reject(TokenRejection.BadSignature, "token signature has the wrong length");
        }

        var sig = Decode(signatureChars, signature, "signature");
        var rented = ArrayPool<byte>.Shared.Rent(signingInputLength);
        try
        {
            // All characters were checked to be ASCII, so this is the exact signing input.
            var input = rented.AsSpan(0, Encoding.ASCII.GetBytes(token.AsSpan(0, signingInputLength), rented));
            if (!key.Verify(input, sig))
            {
                throw Reject(TokenRejection.BadSignature, "token signature is not valid");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static ValidatedToken ReadPayload(ReadOnlySpan<char> encoded, (string Kid, TokenKind Kind) header, string kid)
    {
        var rented = ArrayPool<byte>.Shared.Rent(Base64Url.GetMaxDecodedLength(encoded.Length));
        try
        {
            var json = Decode(encoded, rented, "payload");
            return ParseClaims(json, header.Kind, kid);
        }
        catch (JsonException)
        {
            throw Reject(TokenRejection.Malformed, "token payload is not JSON");
        }
        catch (InvalidOperationException)
        {
            throw Reject(TokenRejection.Malformed, "token payload has a claim of the wrong type");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static ValidatedToken ParseClaims(ReadOnlySpan<byte> json, TokenKind kind, string kid)
    {
        string? iss = null, sub = null, nonce = null, name = null, email = null, tenant = null, sid = null;
        long? exp = null, iat = null;
        var audiences = new List<string>(1);
        var groups = new List<string>();
        var reader = new Utf8JsonReader(json);
        ExpectObject(ref reader, "payload");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("iss"u8))
            {
                iss = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("sub"u8))
            {
                sub = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("aud"u8))
            {
                ReadStrings(ref reader, audiences);
            }
            else if (reader.ValueTextEquals("exp"u8))
            {
                exp = ReadSeconds(ref reader);
            }
            else if (reader.ValueTextEquals("iat"u8))
            {
                iat = ReadSeconds(ref reader);
            }
            else if (reader.ValueTextEquals("nbf"u8))
            {
                // We never issue nbf; a token that has one is not ours to interpret loosely.
                throw Reject(TokenRejection.NotYetValid, "token has a not-before time");
            }
            else if (reader.ValueTextEquals("nonce"u8))
            {
                nonce = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                name = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("email"u8))
            {
                email = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("groups"u8))
            {
                ReadStrings(ref reader, groups);
            }
            else if (reader.ValueTextEquals("sid"u8))
            {
                sid = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("federated_claims"u8))
            {
                tenant = ReadTenant(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (iss is null || sub is null || exp is null || audiences.Count == 0)
        {
            throw Reject(TokenRejection.MissingClaim, "token lacks one of iss, sub, aud, exp");
        }

        return new ValidatedToken(
            kind, iss, sub, audiences, DateTimeOffset.FromUnixTimeSeconds(exp.Value),
            iat is { } i ? DateTimeOffset.FromUnixTimeSeconds(i) : null,
            nonce, name ?? sub, email, groups, tenant ?? "", sid, kid);
    }

    /// <summary>TKEStack accepts the tenant claim either as dex's federated_claims object
    /// (tenant in connector_id) or as a plain string.</summary>
    private static string? ReadTenant(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidOperationException();
        }

        string? tenant = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("connector_id"u8))
            {
                tenant = ReadString(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return tenant;
    }

    private static void ExpectObject(ref Utf8JsonReader reader, string part)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw Reject(TokenRejection.Malformed, $"token {part} is not a JSON object");
        }
    }

    private static string ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.GetString() ?? throw new InvalidOperationException();
    }

    private static long ReadSeconds(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TryGetInt64(out var seconds))
        {
            return seconds;
        }

        // NumericDate may carry a fraction (RFC 7519 2); whole seconds are enough here.
        var value = reader.GetDouble();
        return value is > -62135596800 and < 253402300799 ? (long)value : throw new InvalidOperationException();
    }

    private static void ReadStrings(ref Utf8JsonReader reader, List<string> into)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            into.Add(reader.GetString()!);
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new InvalidOperationException();
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            into.Add(reader.GetString() ?? throw new InvalidOperationException());
        }
    }

    private static ReadOnlySpan<byte> Decode(ReadOnlySpan<char> encoded, Span<byte> into, string part)
    {
        if (encoded.Length == 0 || Base64Url.DecodeFromChars(encoded, into, out var consumed, out var written) != OperationStatus.Done || consumed != encoded.Length)
        {
            throw Reject(TokenRejection.Malformed, $"token {part} is not valid base64url");
        }

        return into[..written];
    }

    // The alg value is attacker-supplied; keep it short and printable in messages.
    private static string Printable(string value) =>
        value.Length <= 16 && value.All(char.IsAsciiLetterOrDigit) ? $"\"{value}\"" : "(unprintable)";

    private static TokenValidationException Reject(TokenRejection reason, string message) => new(reason, message);
}

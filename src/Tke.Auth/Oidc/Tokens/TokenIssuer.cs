using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tke.Auth.Oidc.Keys;

namespace Tke.Auth.Oidc.Tokens;

/// <summary>Issues ID and access tokens signed with the current key.</summary>
public sealed class TokenIssuer(OidcOptions options, SigningKeyRing keys, TimeProvider time)
{
    public const string AccessTokenType = "at+jwt";
    public const string IdTokenType = "JWT";

    /// <param name="sessionId">Login session (the refresh token family), so logout can end it.</param>
    public IssuedTokens Issue(OidcIdentity identity, string clientId, string sessionId, string? nonce, IReadOnlyList<string> scopes)
    {
        var now = time.GetUtcNow();
        var key = keys.Current.SignerAt(now) ?? throw new InvalidOperationException("no signing key: the key rotator has not run");
        var accessExpiry = now + options.AccessTokenLifetime;
        var accessToken = JwtWriter.Write(key, AccessTokenType, json =>
        {
            WriteCommon(json, identity, clientId, sessionId, now, accessExpiry);
            json.WriteString("scope", string.Join(' ', scopes));
        });

        var idToken = JwtWriter.Write(key, IdTokenType, json =>
        {
            WriteCommon(json, identity, clientId, sessionId, now, now + options.IdTokenLifetime);
            if (!string.IsNullOrEmpty(nonce))
            {
                json.WriteString("nonce", nonce);
            }

            json.WriteString(OidcClaimNames.AccessTokenHash, AccessTokenHash(accessToken));
        });

        return new IssuedTokens(idToken, accessToken, accessExpiry, options.AccessTokenLifetime);
    }

    private void WriteCommon(Utf8JsonWriter json, OidcIdentity identity, string clientId, string sessionId, DateTimeOffset now, DateTimeOffset expiry)
    {
        json.WriteString("iss", options.Issuer);
        json.WriteString("sub", identity.UserId);
        json.WriteString("aud", clientId);
        json.WriteNumber("exp", expiry.ToUnixTimeSeconds());
        json.WriteNumber("iat", now.ToUnixTimeSeconds());
        json.WriteString("azp", clientId);
        json.WriteString(OidcClaimNames.SessionId, sessionId);
        json.WriteString("name", identity.Name);
        if (!string.IsNullOrEmpty(identity.Email))
        {
            json.WriteString("email", identity.Email);
        }

        json.WriteStartArray("groups");
        foreach (var group in identity.Groups)
        {
            json.WriteStringValue(group);
        }

        json.WriteEndArray();
        json.WriteStartObject(OidcClaimNames.FederatedClaims);
        json.WriteString(OidcClaimNames.ConnectorId, identity.TenantId);
        json.WriteString(OidcClaimNames.UserId, identity.UserId);
        json.WriteEndObject();
    }

    /// <summary>OIDC Core 3.1.3.6: left half of the SHA-256 of the access token.</summary>
    public static string AccessTokenHash(string accessToken)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.ASCII.GetBytes(accessToken), hash);
        return Base64Url.EncodeToString(hash[..16]);
    }
}

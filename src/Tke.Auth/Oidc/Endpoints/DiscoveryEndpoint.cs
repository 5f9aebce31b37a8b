using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tke.Auth.Oidc.Keys;

namespace Tke.Auth.Oidc.Endpoints;

/// <summary>`GET /oidc/.well-known/openid-configuration` (OpenID Connect Discovery 1.0). The
/// document never changes while the server runs, so it is rendered once.</summary>
public sealed class DiscoveryEndpoint(OidcOptions options)
{
    public const string Path = "/.well-known/openid-configuration";

    private readonly byte[] _document = Render(options);

    public Task HandleAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "public, max-age=3600";
        response.ContentLength = _document.Length;
        return response.Body.WriteAsync(_document, context.RequestAborted).AsTask();
    }

    private static byte[] Render(OidcOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("issuer", options.Issuer);
            json.WriteString("authorization_endpoint", options.Endpoint(AuthorizationEndpoint.Path));
            json.WriteString("token_endpoint", options.Endpoint(TokenEndpoint.Path));
            json.WriteString("jwks_uri", options.Endpoint(JwksEndpoint.Path));
            json.WriteString("userinfo_endpoint", options.Endpoint(UserInfoEndpoint.Path));
            json.WriteString("revocation_endpoint", options.Endpoint(RevocationEndpoint.Path));
            json.WriteString("end_session_endpoint", options.Endpoint(EndSessionEndpoint.Path));
            Array(json, "response_types_supported", "code");
            Array(json, "response_modes_supported", "query");
            Array(json, "grant_types_supported", "authorization_code", "refresh_token", "password");
            Array(json, "code_challenge_methods_supported", "S256");
            Array(json, "subject_types_supported", "public");
            Array(json, "id_token_signing_alg_values_supported", SigningKey.Algorithm);
            Array(json, "token_endpoint_auth_methods_supported", "client_secret_basic", "client_secret_post", "none");
            Array(json, "revocation_endpoint_auth_methods_supported", "client_secret_basic", "client_secret_post", "none");
            Array(json, "scopes_supported", "openid", "email", "groups", "profile", "offline_access");
            Array(json, "claims_supported", "iss", "sub", "aud", "exp", "iat", "azp", "nonce", "at_hash", "sid", "name", "email", "groups", OidcClaimNames.FederatedClaims);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Array(Utf8JsonWriter json, string name, params string[] values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}

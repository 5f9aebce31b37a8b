using Microsoft.AspNetCore.Http;
using Tke.Auth.Oidc.Keys;

namespace Tke.Auth.Oidc.Endpoints;

/// <summary>`GET /oidc/keys`: the public halves of every key that signs, will sign or still
/// verifies (RFC 7517). Cached briefly: new keys are published ahead of use by more than this.</summary>
public sealed class JwksEndpoint(SigningKeyRing keys)
{
    public const string Path = "/keys";

    public Task HandleAsync(HttpContext context) =>
        OAuthResponses.WriteJsonAsync(context.Response, 200, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("keys");
            foreach (var key in keys.Current.Keys)
            {
                json.WriteStartObject();
                json.WriteString("kty", "RSA");
                json.WriteString("use", "sig");
                json.WriteString("alg", SigningKey.Algorithm);
                json.WriteString("kid", key.Kid);
                json.WriteString("n", key.Modulus);
                json.WriteString("e", key.Exponent);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }, "public, max-age=300");
}

using Microsoft.AspNetCore.Http;
using Tke.Auth.Oidc.Grants;
using Tke.Auth.Oidc.Tokens;

namespace Tke.Auth.Oidc.Endpoints;

/// <summary>`GET|POST /oidc/userinfo` (OIDC Core 5.3): the claims of the access token's user.</summary>
public sealed class UserInfoEndpoint(TokenValidator validator)
{
    public const string Path = "/userinfo";

    public Task HandleAsync(HttpContext context)
    {
        try
        {
            var header = context.Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                throw OAuthException.InvalidToken("an access token is required as Authorization: Bearer");
            }

            ValidatedToken token;
            try
            {
                // Any client's access token may ask who it belongs to.
                token = validator.Validate(header[7..].Trim(), checkAudience: false);
            }
            catch (TokenValidationException e)
            {
                throw OAuthException.InvalidToken(e.Message);
            }

            if (token.Kind != TokenKind.AccessToken)
            {
                throw OAuthException.InvalidToken("an access token is required, not an ID token");
            }

            return OAuthResponses.WriteJsonAsync(context.Response, 200, json =>
            {
                json.WriteStartObject();
                json.WriteString("sub", token.Subject);
                json.WriteString("name", token.Name);
                if (token.Email is not null)
                {
                    json.WriteString("email", token.Email);
                }

                json.WriteStartArray("groups");
                foreach (var group in token.Groups)
                {
                    json.WriteStringValue(group);
                }

                json.WriteEndArray();
                OAuthResponses.WriteFederatedClaims(json, token.Identity);
                json.WriteEndObject();
            });
        }
        catch (OAuthException e)
        {
            return OAuthResponses.WriteErrorAsync(context.Response, e);
        }
    }
}

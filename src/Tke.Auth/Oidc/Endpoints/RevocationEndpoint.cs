using Microsoft.AspNetCore.Http;
using Tke.Auth.Oidc.Grants;

namespace Tke.Auth.Oidc.Endpoints;

/// <summary>`POST /oidc/revoke` (RFC 7009). Revoking a refresh token ends its login session.
/// Access and ID tokens are short-lived JWTs and cannot be revoked one by one; like unknown
/// tokens they get the 200 the RFC prescribes, so the answer reveals nothing.</summary>
public sealed class RevocationEndpoint(ClientAuthenticator clientAuthenticator, RefreshTokenService refreshTokens)
{
    public const string Path = "/revoke";

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            var cancellationToken = context.RequestAborted;
            var form = await OAuthResponses.ReadFormAsync(context.Request, cancellationToken);
            var client = await clientAuthenticator.AuthenticateAsync(context.Request, form, cancellationToken);
            var token = form["token"].ToString();
            if (token.Length == 0)
            {
                throw OAuthException.InvalidRequest("parameter token is required");
            }

            await refreshTokens.RevokeAsync(token, client.Id, cancellationToken);
            context.Response.StatusCode = 200;
            context.Response.Headers.CacheControl = "no-store";
        }
        catch (OAuthException e)
        {
            await OAuthResponses.WriteErrorAsync(context.Response, e);
        }
    }
}

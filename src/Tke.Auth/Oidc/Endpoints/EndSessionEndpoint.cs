using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Tke.Auth.Oidc.Grants;
using Tke.Auth.Oidc.Tokens;

namespace Tke.Auth.Oidc.Endpoints;

/// <summary>`GET|POST /oidc/logout` (OIDC RP-Initiated Logout 1.0): ends the session named by
/// the id_token_hint's `sid`, revoking its refresh tokens, then redirects to
/// post_logout_redirect_uri if the hint's client registered it, or shows a signed-out page.</summary>
public sealed class EndSessionEndpoint(TokenValidator validator, RefreshTokenService refreshTokens, IOidcClientRegistry clients)
{
    public const string Path = "/logout";

    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var parameters = HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType
            ? (IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>>)await context.Request.ReadFormAsync(cancellationToken)
            : context.Request.Query;
        var values = parameters.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        var hint = values.GetValueOrDefault("id_token_hint") ?? "";
        var redirect = values.GetValueOrDefault("post_logout_redirect_uri") ?? "";

        ValidatedToken? token = null;
        if (hint.Length > 0)
        {
            try
            {
                // The hint may have expired by the time the user logs out; it still names the session.
                token = validator.Validate(hint, checkAudience: false, allowExpired: true);
            }
            catch (TokenValidationException)
            {
                await HtmlPage.WriteAsync(context.Response, 400, "Sign-out failed", "<p role=\"alert\">The sign-out request is not valid.</p>");
                return;
            }

            if (token.SessionId is { Length: > 0 } sid)
            {
                await refreshTokens.RevokeSessionAsync(sid, cancellationToken);
            }
        }

        if (redirect.Length > 0)
        {
            var client = token is null ? null : await clients.FindAsync(token.Audiences[0], cancellationToken);
            if (client?.RedirectUris?.Contains(redirect, StringComparer.Ordinal) != true)
            {
                // Never redirect to an address no client registered: that is an open redirector.
                await HtmlPage.WriteAsync(context.Response, 400, "Sign-out failed", "<p role=\"alert\">The address to return to is not registered.</p>");
                return;
            }

            var state = values.GetValueOrDefault("state");
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Redirect(string.IsNullOrEmpty(state) ? redirect : QueryHelpers.AddQueryString(redirect, "state", state));
            return;
        }

        await HtmlPage.WriteAsync(context.Response, 200, "Signed out", "<p>You have signed out.</p>");
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Tke.Auth.Apis.Clients;
using Tke.Auth.Oidc.Grants;

namespace Tke.Auth.Oidc.Endpoints;

/// <summary>`GET|POST /oidc/auth`: the authorization code flow's login page. GET checks the
/// request and shows the form; POST checks the password and redirects back with a single-use
/// code bound to the client, redirect_uri and PKCE challenge.</summary>
public sealed class AuthorizationEndpoint(
    OidcOptions options,
    IOidcClientRegistry clients,
    IPasswordVerifier passwords,
    IAuthorizationCodeStore codes,
    TimeProvider time)
{
    public const string Path = "/auth";
    public const string CsrfCookie = "tke_oidc_csrf";
    private const string CsrfField = "csrf_token";

    private static readonly string[] Carried = ["client_id", "redirect_uri", "response_type", "scope", "state", "nonce", "code_challenge", "code_challenge_method", "tenant_id"];

    public async Task HandleAsync(HttpContext context)
    {
        var isPost = HttpMethods.IsPost(context.Request.Method);
        if (!isPost && !HttpMethods.IsGet(context.Request.Method))
        {
            await HtmlPage.WriteAsync(context.Response, 405, "Sign-in failed", "<p role=\"alert\">Unsupported method.</p>");
            return;
        }

        var values = isPost && context.Request.HasFormContentType
            ? (await context.Request.ReadFormAsync(context.RequestAborted)).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal)
            : context.Request.Query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

        var (client, redirectUri) = await CheckClientAsync(values, context.RequestAborted);
        if (client is null || redirectUri is null)
        {
            // Without a registered redirect_uri there is nowhere safe to send the error.
            await HtmlPage.WriteAsync(context.Response, 400, "Sign-in failed", "<p role=\"alert\">Unknown client or unregistered redirect address.</p>");
            return;
        }

        var state = values.GetValueOrDefault("state");
        if (CheckRequest(values, client) is { } error)
        {
            RedirectWithError(context, redirectUri, state, error.Error, error.Message);
            return;
        }

        if (!isPost)
        {
            var csrf = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            context.Response.Cookies.Append(CsrfCookie, csrf, CookieOptions());
            await RenderFormAsync(context, values, csrf, 200, null);
            return;
        }

        var presented = values.GetValueOrDefault(CsrfField) ?? "";
        var expected = context.Request.Cookies[CsrfCookie] ?? "";
        if (expected.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), Encoding.ASCII.GetBytes(expected)))
        {
            await HtmlPage.WriteAsync(context.Response, 403, "Sign-in failed", "<p role=\"alert\">The sign-in form expired. Go back and start again.</p>");
            return;
        }

        var tenant = values.GetValueOrDefault("tenant_id");
        var result = await passwords.VerifyAsync(
            new PasswordLogin(values.GetValueOrDefault("username") ?? "", values.GetValueOrDefault("password") ?? "", string.IsNullOrEmpty(tenant) ? null : tenant, context.Connection.RemoteIpAddress?.ToString(), client.Id),
            context.RequestAborted);
        if (result.Throttled)
        {
            await RenderFormAsync(context, values, expected, 429, "Too many failed sign-ins. Try again later.");
            return;
        }

        if (result.Identity is null)
        {
            await RenderFormAsync(context, values, expected, 401, "Invalid username or password.");
            return;
        }

        var code = OpaqueToken.Generate();
        var challenge = values.GetValueOrDefault("code_challenge");
        await codes.AddAsync(
            new AuthorizationCodeRecord(
                OpaqueToken.Hash(code), client.Id, redirectUri, string.IsNullOrEmpty(challenge) ? null : challenge, result.Identity,
                values.GetValueOrDefault("nonce"), Scopes(values), time.GetUtcNow() + options.AuthorizationCodeLifetime),
            context.RequestAborted);
        context.Response.Cookies.Delete(CsrfCookie, CookieOptions());
        var query = new Dictionary<string, string?> { ["code"] = code };
        if (!string.IsNullOrEmpty(state))
        {
            query["state"] = state;
        }

        context.Response.Headers.CacheControl = "no-store";
        context.Response.Redirect(QueryHelpers.AddQueryString(redirectUri, query));
    }

    private async Task<(ClientSpec? Client, string? RedirectUri)> CheckClientAsync(Dictionary<string, string> values, CancellationToken cancellationToken)
    {
        var clientId = values.GetValueOrDefault("client_id");
        var redirectUri = values.GetValueOrDefault("redirect_uri");
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(redirectUri))
        {
            return (null, null);
        }

        var client = await clients.FindAsync(clientId, cancellationToken);
        return client?.RedirectUris?.Contains(redirectUri, StringComparer.Ordinal) == true ? (client, redirectUri) : (null, null);
    }

    private static OAuthException? CheckRequest(Dictionary<string, string> values, ClientSpec client)
    {
        if (values.GetValueOrDefault("response_type") != "code")
        {
            return new OAuthException("unsupported_response_type", "only response_type=code is supported");
        }

        if (!Scopes(values).Contains("openid"))
        {
            return new OAuthException("invalid_scope", "scope must include openid");
        }

        var challenge = values.GetValueOrDefault("code_challenge");
        if (string.IsNullOrEmpty(challenge))
        {
            return client.Public ? OAuthException.InvalidRequest("public clients must send a PKCE code_challenge") : null;
        }

        if (values.GetValueOrDefault("code_challenge_method") != Pkce.S256)
        {
            return OAuthException.InvalidRequest("code_challenge_method must be S256");
        }

        return Pkce.IsValidChallenge(challenge) ? null : OAuthException.InvalidRequest("code_challenge is not a valid S256 challenge");
    }

    private static IReadOnlyList<string> Scopes(Dictionary<string, string> values) =>
        (values.GetValueOrDefault("scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void RedirectWithError(HttpContext context, string redirectUri, string? state, string error, string description)
    {
        var query = new Dictionary<string, string?> { ["error"] = error, ["error_description"] = description };
        if (!string.IsNullOrEmpty(state))
        {
            query["state"] = state;
        }

        context.Response.Headers.CacheControl = "no-store";
        context.Response.Redirect(QueryHelpers.AddQueryString(redirectUri, query));
    }

    private Task RenderFormAsync(HttpContext context, Dictionary<string, string> values, string csrf, int statusCode, string? error)
    {
        var body = new StringBuilder();
        if (error is not null)
        {
            body.Append("<p role=\"alert\" id=\"error\">").Append(HtmlPage.Encode(error)).Append("</p>\n");
        }

        body.Append("<form method=\"post\" action=\"").Append(HtmlPage.Encode(options.Endpoint(Path))).Append("\">\n");
        foreach (var name in Carried)
        {
            if (values.TryGetValue(name, out var value) && value.Length > 0)
            {
                body.Append("<input type=\"hidden\" name=\"").Append(name).Append("\" value=\"").Append(HtmlPage.Encode(value)).Append("\">\n");
            }
        }

        var described = error is null ? "" : " aria-describedby=\"error\"";
        body.Append("<input type=\"hidden\" name=\"").Append(CsrfField).Append("\" value=\"").Append(csrf).Append("\">\n")
            .Append("<label for=\"username\">Username</label>\n")
            .Append("<input id=\"username\" name=\"username\" autocomplete=\"username\" required autofocus").Append(described)
            .Append(" value=\"").Append(HtmlPage.Encode(values.GetValueOrDefault("username"))).Append("\">\n")
            .Append("<label for=\"password\">Password</label>\n")
            .Append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required").Append(described).Append(">\n")
            .Append("<button type=\"submit\">Sign in</button>\n</form>");
        return HtmlPage.WriteAsync(context.Response, statusCode, "Sign in", body.ToString());
    }

    private CookieOptions CookieOptions() => new()
    {
        HttpOnly = true,
        Secure = options.Issuer.StartsWith("https:", StringComparison.OrdinalIgnoreCase),
        SameSite = SameSiteMode.Strict,
        Path = new Uri(options.Issuer).AbsolutePath,
        MaxAge = TimeSpan.FromMinutes(30),
    };
}

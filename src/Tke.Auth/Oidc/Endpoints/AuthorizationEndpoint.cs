using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Tke.Auth.Oidc.Grants;
using Tke.Auth.Oidc.Upstream;

namespace Tke.Auth.Oidc.Endpoints;

/// <summary>`GET|POST /oidc/auth`: the authorization code flow's login page. GET checks the
/// request and shows the form, with a "Log in with ..." link per upstream OIDC provider of the
/// tenant; POST checks the password and redirects back with a single-use code bound to the
/// client, redirect_uri and PKCE challenge.</summary>
public sealed class AuthorizationEndpoint(
    OidcOptions options,
    IOidcClientRegistry clients,
    IPasswordVerifier passwords,
    IAuthorizationCodeStore codes,
    TimeProvider time,
    IUpstreamProviderDirectory? upstreams = null)
{
    public const string Path = "/auth";
    public const string CsrfCookie = "tke_oidc_csrf";
    private const string CsrfField = "csrf_token";

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

        var request = await AuthorizationRequest.FindAsync(values, clients, context.RequestAborted);
        if (request is null)
        {
            // Without a registered redirect_uri there is nowhere safe to send the error.
            await HtmlPage.WriteAsync(context.Response, 400, "Sign-in failed", "<p role=\"alert\">Unknown client or unregistered redirect address.</p>");
            return;
        }

        if (request.Check() is { } error)
        {
            request.RedirectWithError(context.Response, error.Error, error.Message);
            return;
        }

        if (!isPost)
        {
            var csrf = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            context.Response.Cookies.Append(CsrfCookie, csrf, CookieOptions());
            await RenderFormAsync(context, request, values, csrf, 200, null);
            return;
        }

        var presented = values.GetValueOrDefault(CsrfField) ?? "";
        var expected = context.Request.Cookies[CsrfCookie] ?? "";
        if (expected.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), Encoding.ASCII.GetBytes(expected)))
        {
            await HtmlPage.WriteAsync(context.Response, 403, "Sign-in failed", "<p role=\"alert\">The sign-in form expired. Go back and start again.</p>");
            return;
        }

        var result = await passwords.VerifyAsync(
            new PasswordLogin(values.GetValueOrDefault("username") ?? "", values.GetValueOrDefault("password") ?? "", request.TenantId, context.Connection.RemoteIpAddress?.ToString(), request.Client.Id),
            context.RequestAborted);
        if (result.Throttled)
        {
            await RenderFormAsync(context, request, values, expected, 429, "Too many failed sign-ins. Try again later.");
            return;
        }

        if (result.Identity is null)
        {
            await RenderFormAsync(context, request, values, expected, 401, "Invalid username or password.");
            return;
        }

        var redirect = await request.IssueCodeAsync(result.Identity, codes, time.GetUtcNow() + options.AuthorizationCodeLifetime, context.RequestAborted);
        context.Response.Cookies.Delete(CsrfCookie, CookieOptions());
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Redirect(redirect);
    }

    private async Task RenderFormAsync(HttpContext context, AuthorizationRequest request, Dictionary<string, string> values, string csrf, int statusCode, string? error)
    {
        var body = new StringBuilder();
        if (error is not null)
        {
            body.Append("<p role=\"alert\" id=\"error\">").Append(HtmlPage.Encode(error)).Append("</p>\n");
        }

        body.Append("<form method=\"post\" action=\"").Append(HtmlPage.Encode(options.Endpoint(Path))).Append("\">\n");
        foreach (var (name, value) in request.Parameters)
        {
            body.Append("<input type=\"hidden\" name=\"").Append(name).Append("\" value=\"").Append(HtmlPage.Encode(value)).Append("\">\n");
        }

        var described = error is null ? "" : " aria-describedby=\"error\"";
        body.Append("<input type=\"hidden\" name=\"").Append(CsrfField).Append("\" value=\"").Append(csrf).Append("\">\n")
            .Append("<label for=\"username\">Username</label>\n")
            .Append("<input id=\"username\" name=\"username\" autocomplete=\"username\" required autofocus").Append(described)
            .Append(" value=\"").Append(HtmlPage.Encode(values.GetValueOrDefault("username"))).Append("\">\n")
            .Append("<label for=\"password\">Password</label>\n")
            .Append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required").Append(described).Append(">\n")
            .Append("<button type=\"submit\">Sign in</button>\n</form>");
        await AppendUpstreamLinksAsync(body, request, context.RequestAborted);
        await HtmlPage.WriteAsync(context.Response, statusCode, "Sign in", body.ToString());
    }

    /// <summary>One link per upstream provider of the tenant; each carries the whole request on,
    /// so the upstream login ends with a code for the same client, redirect and PKCE challenge.</summary>
    private async Task AppendUpstreamLinksAsync(StringBuilder body, AuthorizationRequest request, CancellationToken cancellationToken)
    {
        if (upstreams is null)
        {
            return;
        }

        var providers = await upstreams.ListAsync(request.TenantId, cancellationToken);
        if (providers.Count == 0)
        {
            return;
        }

        body.Append("\n<ul class=\"upstream\">\n");
        foreach (var provider in providers)
        {
            var href = options.Endpoint(UpstreamLoginEndpoint.StartPath(provider.Name)) + request.ToQueryString();
            body.Append("<li><a href=\"").Append(HtmlPage.Encode(href)).Append("\">Log in with ").Append(HtmlPage.Encode(provider.DisplayName)).Append("</a></li>\n");
        }

        body.Append("</ul>");
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

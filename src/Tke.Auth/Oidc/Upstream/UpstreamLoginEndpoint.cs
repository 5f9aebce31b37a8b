using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tke.Auth.Identity;
using Tke.Auth.Oidc.Endpoints;
using Tke.Auth.Oidc.Grants;

namespace Tke.Auth.Oidc.Upstream;

/// <summary>
/// `GET /oidc/upstream/{provider}/start?&lt;the /oidc/auth query&gt;` sends the browser to an
/// upstream provider, keeping the original request in a short-lived, single-use state record;
/// `GET /oidc/upstream/{provider}/callback?code&amp;state` finishes the upstream login and
/// issues the platform's own code for the original request, exactly as the password form would.
/// Any failure ends on an error page, with nothing issued.
/// </summary>
public sealed class UpstreamLoginEndpoint(
    OidcOptions options,
    IOidcClientRegistry clients,
    IUpstreamProviderDirectory providers,
    IUpstreamLoginStateStore states,
    IAuthorizationCodeStore codes,
    ILocalIdentityLookup localUsers,
    TimeProvider time,
    ILogger logger)
{
    public const string PathPrefix = "/upstream/";
    public const string BindingCookie = "tke_oidc_upstream";

    /// <summary>Time a user has to log in at the upstream.</summary>
    public static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);

    private const string Title = "Sign-in failed";
    private const string StartAction = "start";
    private const string CallbackAction = "callback";

    private readonly string _issuerPath = new Uri(options.Issuer).AbsolutePath.TrimEnd('/');

    public static string StartPath(string provider) => PathPrefix + Uri.EscapeDataString(provider) + "/" + StartAction;

    public static string CallbackPath(string provider) => PathPrefix + Uri.EscapeDataString(provider) + "/" + CallbackAction;

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var rest = path.StartsWith(_issuerPath + PathPrefix, StringComparison.Ordinal) ? path[(_issuerPath.Length + PathPrefix.Length)..] : "";
        var parts = rest.Split('/');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1] is not (StartAction or CallbackAction))
        {
            await FailAsync(context, 404, "There is no such sign-in page.");
            return;
        }

        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await FailAsync(context, 405, "Unsupported method.");
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        if (parts[1] == StartAction)
        {
            await StartAsync(context, parts[0]);
        }
        else
        {
            await CallbackAsync(context, parts[0]);
        }
    }

    private async Task StartAsync(HttpContext context, string providerName)
    {
        var cancellationToken = context.RequestAborted;
        var values = context.Request.Query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        var request = await AuthorizationRequest.FindAsync(values, clients, cancellationToken);
        if (request is null)
        {
            await FailAsync(context, 400, "Unknown client or unregistered redirect address.");
            return;
        }

        if (request.Check() is { } error)
        {
            request.RedirectWithError(context.Response, error.Error, error.Message);
            return;
        }

        var provider = await FindProviderAsync(context, providerName);
        if (provider is null)
        {
            return;
        }

        if (request.TenantId is { } tenant && tenant != provider.TenantId)
        {
            await FailAsync(context, 400, "This identity provider does not serve the requested tenant.");
            return;
        }

        UpstreamAuthorizationRequest upstream;
        try
        {
            upstream = await provider.Client.BeginAsync(options.Endpoint(CallbackPath(providerName)), cancellationToken);
        }
        catch (UpstreamLoginException e)
        {
            logger.LogWarning(e, "upstream sign-in via {Provider} could not start: {Reason}", providerName, e.Message);
            await FailAsync(context, 502, $"The identity provider cannot be used right now: {e.Message}.");
            return;
        }

        var binding = OpaqueToken.Generate();
        try
        {
            await states.AddAsync(
                new UpstreamLoginState(
                    OpaqueToken.Hash(upstream.State), providerName, OpaqueToken.Hash(binding), upstream.Nonce, upstream.CodeVerifier,
                    upstream.RedirectUri, request.Parameters, time.GetUtcNow() + StateLifetime),
                cancellationToken);
        }
        catch (UpstreamLoginException e)
        {
            await FailAsync(context, 503, e.Message + ".");
            return;
        }

        context.Response.Cookies.Append(BindingCookie, binding, BindingCookieOptions(providerName));
        context.Response.Redirect(upstream.Url.ToString());
    }

    private async Task CallbackAsync(HttpContext context, string providerName)
    {
        var cancellationToken = context.RequestAborted;
        var query = context.Request.Query;
        var stateValue = query["state"].ToString();
        if (stateValue.Length == 0)
        {
            await FailAsync(context, 400, "The identity provider's answer has no state.");
            return;
        }

        // Taken before any other check: a state presented once is spent, whatever the outcome.
        var state = await states.TakeAsync(OpaqueToken.Hash(stateValue), cancellationToken);
        if (state is null || state.ExpiresAt <= time.GetUtcNow() || state.Provider != providerName)
        {
            await FailAsync(context, 400, "This sign-in is unknown, expired or already completed. Start again.");
            return;
        }

        var binding = context.Request.Cookies[BindingCookie] ?? "";
        context.Response.Cookies.Delete(BindingCookie, BindingCookieOptions(providerName));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(OpaqueToken.Hash(binding)), Encoding.ASCII.GetBytes(state.BrowserBindingHash)))
        {
            // Someone else's callback URL opened in this browser would log it in as them.
            await FailAsync(context, 400, "This sign-in was started in another browser. Start again.");
            return;
        }

        if (query["error"].ToString() is { Length: > 0 } upstreamError)
        {
            logger.LogInformation("upstream sign-in via {Provider} refused by the provider: {Error}", providerName, ErrorCode(upstreamError));
            await FailAsync(context, 400, $"The identity provider refused the sign-in ({ErrorCode(upstreamError)}).");
            return;
        }

        var code = query["code"].ToString();
        if (code.Length == 0)
        {
            await FailAsync(context, 400, "The identity provider's answer has no code.");
            return;
        }

        var provider = await FindProviderAsync(context, providerName);
        if (provider is null)
        {
            return;
        }

        UpstreamIdentity upstreamIdentity;
        try
        {
            upstreamIdentity = await provider.Client.CompleteAsync(code, state.RedirectUri, state.Nonce, state.CodeVerifier, cancellationToken);
        }
        catch (UpstreamLoginException e)
        {
            logger.LogWarning("upstream sign-in via {Provider} failed: {Reason}", providerName, e.Message);
            await FailAsync(context, 400, $"The sign-in could not be completed: {e.Message}.");
            return;
        }

        // Policies bind users by name, so an upstream account named like a local user (say,
        // "admin") would inherit that user's rights.
        if (await localUsers.FindAsync(provider.TenantId, upstreamIdentity.Username, cancellationToken) is not null)
        {
            logger.LogWarning("upstream sign-in via {Provider} refused: {User} is the name of a local user of tenant {Tenant}", providerName, upstreamIdentity.Username, provider.TenantId);
            await FailAsync(context, 400, "This account's name belongs to a local user of the platform; ask an administrator.");
            return;
        }

        // Checked again: the client or its redirect URIs may have changed during the login.
        var request = await AuthorizationRequest.FindAsync(state.AuthorizationParameters, clients, cancellationToken);
        if (request is null)
        {
            await FailAsync(context, 400, "Unknown client or unregistered redirect address.");
            return;
        }

        if (request.Check() is { } error)
        {
            request.RedirectWithError(context.Response, error.Error, error.Message);
            return;
        }

        var identity = new OidcIdentity(
            UpstreamUserId.Format(providerName, upstreamIdentity.UserId), upstreamIdentity.Username, upstreamIdentity.Email, upstreamIdentity.Groups, provider.TenantId);
        var redirect = await request.IssueCodeAsync(identity, codes, time.GetUtcNow() + options.AuthorizationCodeLifetime, cancellationToken);
        logger.LogInformation("upstream sign-in via {Provider} of {User} for client {Client}", providerName, identity.Name, request.Client.Id);
        context.Response.Redirect(redirect);
    }

    private async Task<UpstreamProvider?> FindProviderAsync(HttpContext context, string providerName)
    {
        try
        {
            var provider = await providers.FindAsync(providerName, context.RequestAborted);
            if (provider is null)
            {
                await FailAsync(context, 404, "There is no such identity provider.");
            }

            return provider;
        }
        catch (UpstreamOidcConfigException e)
        {
            logger.LogError("identity provider {Provider} is misconfigured: {Problems}", providerName, string.Join("; ", e.Problems));
            await FailAsync(context, 400, "This identity provider is misconfigured; ask an administrator.");
            return null;
        }
    }

    private CookieOptions BindingCookieOptions(string providerName) => new()
    {
        HttpOnly = true,
        Secure = options.Issuer.StartsWith("https:", StringComparison.OrdinalIgnoreCase),

        // Lax, not Strict: the callback is a top-level navigation from the upstream's site,
        // which must still carry the cookie.
        SameSite = SameSiteMode.Lax,
        Path = _issuerPath + PathPrefix + Uri.EscapeDataString(providerName) + "/",
        MaxAge = StateLifetime,
    };

    private static Task FailAsync(HttpContext context, int statusCode, string message) =>
        HtmlPage.WriteAsync(context.Response, statusCode, Title, "<p role=\"alert\">" + HtmlPage.Encode(message) + "</p>");

    /// <summary>The OAuth error code when it is a plain token; anything else from the query is not repeated.</summary>
    private static string ErrorCode(string error) =>
        error.Length <= 64 && error.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') ? error : "unrecognised error";
}

using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Requests;

namespace Tke.Registry.Access;

/// <summary>
/// Docker's token service at <see cref="RegistryAccessOptions.TokenPath"/>: GET with
/// <c>service</c>, repeated <c>scope</c> and <c>account</c>, and Basic credentials or none; or
/// POST with an OAuth2 form (Docker's OAuth2 token spec), which containerd tries first: the
/// password grant, or the refresh_token grant with a refresh token from an earlier login that
/// asked for offline access (<c>access_type=offline</c>, or <c>offline_token=true</c> on GET, as
/// docker login does; docker keeps it as the identity token instead of the password). It grants,
/// per scope, the intersection of the actions asked for and what the caller may do now; wrong
/// credentials are a 401 whose message docker shows, a refresh token that no longer stands for
/// anyone an RFC 6749 invalid_grant. A login (no scope) needs valid credentials of a user of the
/// addressed tenant. Served without the platform's authentication.
/// </summary>
public sealed class RegistryTokenEndpoint(RegistryAccessOptions options, RegistryTokenIssuer issuer, BasicLogin login, RegistryPermissions permissions, RegistryRefreshGrant refreshes)
{
    /// <summary>What a login asks for, from the GET query or the password grant's form.</summary>
    private sealed record LoginRequest(string Service, string[] ScopeTexts, (string Name, string Password)? Credentials, bool Offline, string ClientId, bool OAuth);

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method))
        {
            var credentials = BasicLogin.Parse(request);
            if (credentials is null && request.Headers.Authorization.Count > 0)
            {
                await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "UNAUTHORIZED", "the token service accepts Basic credentials only");
                return;
            }

            var query = request.Query;
            await LoginAsync(context, new LoginRequest(
                query["service"].ToString(),
                query["scope"].Select(s => s ?? "").ToArray(),
                credentials,
                string.Equals(query["offline_token"].ToString(), "true", StringComparison.OrdinalIgnoreCase),
                query["client_id"].ToString(),
                OAuth: false));
        }
        else if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(context.RequestAborted);
            switch (form["grant_type"].ToString())
            {
                case "password":
                    await LoginAsync(context, new LoginRequest(
                        form["service"].ToString(),
                        form["scope"].Select(s => s ?? "").ToArray(),
                        (form["username"].ToString(), form["password"].ToString()),
                        form["access_type"].ToString() == "offline",
                        form["client_id"].ToString(),
                        OAuth: true));
                    break;
                case "refresh_token":
                    await RefreshAsync(context, form);
                    break;
                case "":
                    await WriteOAuthErrorAsync(context, "invalid_request", "grant_type is required");
                    break;
                default:
                    await WriteOAuthErrorAsync(context, "unsupported_grant_type", "the token service supports the password and refresh_token grants");
                    break;
            }
        }
        else
        {
            context.Response.Headers.Allow = "GET, POST";
            await WriteErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "UNSUPPORTED", "the token service answers GET, and POST with an OAuth2 password or refresh_token grant form");
        }
    }

    private async Task LoginAsync(HttpContext context, LoginRequest asked)
    {
        if (asked.Service.Length > 0 && asked.Service != options.Service)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "DENIED", $"unknown service \"{asked.Service}\"; this registry is \"{options.Service}\"");
            return;
        }

        var hostTenant = RegistryTenants.FromHost(context.Request, options.DomainSuffix);
        RequestUser? user = null;
        string? credential = null;
        if (asked.Credentials is var (name, password))
        {
            var result = await login.VerifyAsync(hostTenant, name, password, context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
            if (result.User is null)
            {
                await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "UNAUTHORIZED", result.Failure ?? "invalid username or password");
                return;
            }

            user = result.User;
            credential = result.Credential;
        }

        var tenant = hostTenant ?? (string.IsNullOrEmpty(user?.TenantId) ? options.DefaultTenant : user.TenantId);
        var scopes = ParseScopes(asked.ScopeTexts);
        var ownTenant = user is not null && (user.TenantScope is not { } own || own == tenant);
        if (scopes.Length == 0)
        {
            // docker login: the credentials must name a user of this tenant.
            if (user is null)
            {
                await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "UNAUTHORIZED", "authentication required: log in with user \"tkestack\" and an access credential, or a platform user and password");
                return;
            }

            if (!ownTenant)
            {
                await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "UNAUTHORIZED", $"the credentials are not valid for this registry (tenant \"{tenant}\")");
                return;
            }
        }

        var granted = await GrantAsync(user, tenant, scopes, context.RequestAborted);

        // Only a user of this tenant's registry gets one: anonymous callers have no identity to
        // refresh, and a user of another tenant could use it for nothing but public pulls.
        var refreshToken = asked.Offline && ownTenant
            ? await refreshes.IssueAsync(user!, tenant, credential, asked.ClientId, context.RequestAborted)
            : null;
        await WriteTokenAsync(context, user, tenant, granted, refreshToken, asked.OAuth);
    }

    /// <summary>The refresh_token grant: a new access token for the asked scopes, granted from the
    /// rights of the user the refresh token names as they are now. The answer repeats the same
    /// refresh token, as Docker's spec has it.</summary>
    private async Task RefreshAsync(HttpContext context, IFormCollection form)
    {
        // Docker's spec requires all three; service binds the token, client_id is for auditing.
        var missing = new[] { "refresh_token", "service", "client_id" }.Where(p => form[p].ToString().Length == 0).ToArray();
        if (missing.Length > 0)
        {
            await WriteOAuthErrorAsync(context, "invalid_request", $"the refresh_token grant needs {string.Join(", ", missing)}");
            return;
        }

        var refreshToken = form["refresh_token"].ToString();
        var service = form["service"].ToString();
        var clientId = form["client_id"].ToString();

        if (!IsClientId(clientId))
        {
            await WriteOAuthErrorAsync(context, "invalid_request", "client_id must be 1-255 printable ASCII characters (RFC 6749 appendix A.1)");
            return;
        }

        if (service != options.Service)
        {
            // A refresh token is good only for the service it was issued for (Docker's spec).
            await WriteOAuthErrorAsync(context, "invalid_grant", $"refresh tokens of this token service are for service \"{options.Service}\", not \"{service}\"");
            return;
        }

        var redeemed = await refreshes.RedeemAsync(refreshToken, RegistryTenants.FromHost(context.Request, options.DomainSuffix), context.RequestAborted);
        if (redeemed is not { User: { } user, Tenant: { } tenant })
        {
            await WriteOAuthErrorAsync(context, "invalid_grant", redeemed.Problem ?? "the refresh token is not valid");
            return;
        }

        var granted = await GrantAsync(user, tenant, ParseScopes(form["scope"].Select(s => s ?? "")), context.RequestAborted);
        await WriteTokenAsync(context, user, tenant, granted, refreshToken, oauth: true);
    }

    private static RegistryScope[] ParseScopes(IEnumerable<string> scopeTexts) => scopeTexts
        .SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Select(RegistryScope.Parse)
        .OfType<RegistryScope>()
        .ToArray();

    private static bool IsClientId(string clientId) => clientId.Length < 256 && clientId.All(c => c is >= ' ' and <= '~');

    private async Task<List<RegistryScope>> GrantAsync(RequestUser? user, string tenant, RegistryScope[] scopes, CancellationToken cancellationToken)
    {
        var granted = new List<RegistryScope>(scopes.Length);
        foreach (var scope in scopes)
        {
            granted.Add(scope with { Actions = await AllowedActionsAsync(user, tenant, scope, cancellationToken) });
        }

        return granted;
    }

    /// <summary>The asked actions the caller may do; unknown types and actions get nothing.</summary>
    private async ValueTask<IReadOnlyList<string>> AllowedActionsAsync(RequestUser? user, string tenant, RegistryScope scope, CancellationToken cancellationToken)
    {
        if (scope.Type == RegistryScope.RegistryType)
        {
            // The catalog lists only the caller's tenant; anonymous callers get none.
            return scope.Name == "catalog" && user is not null && scope.Actions.Contains(RegistryScope.All) ? [RegistryScope.All] : [];
        }

        if (scope.Type != RegistryScope.RepositoryType)
        {
            return [];
        }

        var allowed = new List<string>();
        foreach (var asked in scope.Actions)
        {
            if (RegistryScope.ActionOf(asked) is { } action
                && await permissions.DecideAsync(user, tenant, scope.Name, action, cancellationToken) == RegistryDecision.Allowed)
            {
                allowed.Add(asked);
            }
        }

        return allowed;
    }

    /// <summary>The answer of Docker's token spec; an OAuth2 answer also names the granted scope,
    /// which that spec requires.</summary>
    private async Task WriteTokenAsync(HttpContext context, RequestUser? user, string tenant, IReadOnlyList<RegistryScope> granted, string? refreshToken, bool oauth)
    {
        var (jwt, token) = issuer.Issue(user?.Name ?? "", user?.Groups ?? [], tenant, user?.TenantId, granted);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("token", jwt);
        json.WriteString("access_token", jwt);
        json.WriteNumber("expires_in", (long)(token.ExpiresAt - token.IssuedAt).TotalSeconds);
        json.WriteString("issued_at", token.IssuedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        if (refreshToken is not null)
        {
            json.WriteString("refresh_token", refreshToken);
        }

        if (oauth)
        {
            json.WriteString("scope", string.Join(' ', granted.Where(g => g.Actions.Count > 0)));
        }

        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    /// <summary>An OAuth2 error (RFC 6749 §5.2) for the POST form: 400, as every error code used here has it.</summary>
    private static async Task WriteOAuthErrorAsync(HttpContext context, string error, string description)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("error", error);
        json.WriteString("error_description", AsErrorDescription(description));
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    /// <summary>RFC 6749 allows printable ASCII but for '"' and '\' in error_description.</summary>
    private static string AsErrorDescription(string text) =>
        string.Create(text.Length, text, (chars, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                chars[i] = source[i] switch
                {
                    '"' => '\'',
                    '\\' => '/',
                    < ' ' or > '~' => '?',
                    var c => c,
                };
            }
        });

    /// <summary>The registry's error body; "details" is what docker prints for a token service's 401.</summary>
    private static async Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteStartArray("errors");
        json.WriteStartObject();
        json.WriteString("code", code);
        json.WriteString("message", message);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteString("details", message);
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}

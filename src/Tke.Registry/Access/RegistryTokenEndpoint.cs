using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Requests;

namespace Tke.Registry.Access;

/// <summary>
/// Docker's token service at <see cref="RegistryAccessOptions.TokenPath"/>: GET with
/// <c>service</c>, repeated <c>scope</c> and <c>account</c>, and Basic credentials or none; or
/// POST with an OAuth2 password-grant form, which containerd tries first. It
/// grants, per scope, the intersection of the actions asked for and what the caller may do;
/// wrong credentials are a 401 whose message docker shows. A login (no scope) needs valid
/// credentials of a user of the addressed tenant. Served without the platform's authentication.
/// </summary>
public sealed class RegistryTokenEndpoint(RegistryAccessOptions options, RegistryTokenIssuer issuer, BasicLogin login, RegistryPermissions permissions)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string service;
        string[] scopeTexts;
        (string Name, string Password)? credentials;
        if (HttpMethods.IsGet(request.Method))
        {
            service = request.Query["service"].ToString();
            scopeTexts = request.Query["scope"].Select(s => s ?? "").ToArray();
            credentials = BasicLogin.Parse(request);
            if (credentials is null && request.Headers.Authorization.Count > 0)
            {
                await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "UNAUTHORIZED", "the token service accepts Basic credentials only");
                return;
            }
        }
        else if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
        {
            // The OAuth2 form containerd sends first (grant_type=password); a refresh_token grant is
            // answered 400, after which containerd asks again with GET and Basic credentials.
            var form = await request.ReadFormAsync(context.RequestAborted);
            if (form["grant_type"].ToString() != "password")
            {
                await WriteOAuthErrorAsync(context, "unsupported_grant_type", "only the password grant is supported; refresh tokens are not issued");
                return;
            }

            service = form["service"].ToString();
            scopeTexts = form["scope"].Select(s => s ?? "").ToArray();
            credentials = (form["username"].ToString(), form["password"].ToString());
        }
        else
        {
            context.Response.Headers.Allow = "GET, POST";
            await WriteErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "UNSUPPORTED", "the token service answers GET, and POST with an OAuth2 password grant form");
            return;
        }

        if (service.Length > 0 && service != options.Service)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "DENIED", $"unknown service \"{service}\"; this registry is \"{options.Service}\"");
            return;
        }

        var hostTenant = RegistryTenants.FromHost(request, options.DomainSuffix);
        RequestUser? user = null;
        if (credentials is var (name, password))
        {
            var result = await login.VerifyAsync(hostTenant, name, password, context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
            if (result.User is null)
            {
                await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "UNAUTHORIZED", result.Failure ?? "invalid username or password");
                return;
            }

            user = result.User;
        }

        var tenant = hostTenant ?? (string.IsNullOrEmpty(user?.TenantId) ? options.DefaultTenant : user.TenantId);
        var scopes = scopeTexts
            .SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(RegistryScope.Parse)
            .OfType<RegistryScope>()
            .ToArray();

        if (scopes.Length == 0)
        {
            // docker login: the credentials must name a user of this tenant.
            if (user is null)
            {
                await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "UNAUTHORIZED", "authentication required: log in with user \"tkestack\" and an access credential, or a platform user and password");
                return;
            }

            if (user.TenantScope is { } own && own != tenant)
            {
                await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "UNAUTHORIZED", $"the credentials are not valid for this registry (tenant \"{tenant}\")");
                return;
            }
        }

        var granted = new List<RegistryScope>(scopes.Length);
        foreach (var scope in scopes)
        {
            granted.Add(scope with { Actions = await GrantAsync(user, tenant, scope, context.RequestAborted) });
        }

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
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    /// <summary>The asked actions the caller may do; unknown types and actions get nothing.</summary>
    private async ValueTask<IReadOnlyList<string>> GrantAsync(RequestUser? user, string tenant, RegistryScope scope, CancellationToken cancellationToken)
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

    /// <summary>An OAuth2 error (RFC 6749 §5.2) for the POST form.</summary>
    private static async Task WriteOAuthErrorAsync(HttpContext context, string error, string description)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("error", error);
        json.WriteString("error_description", description);
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

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

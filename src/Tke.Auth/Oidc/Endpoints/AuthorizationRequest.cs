using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Tke.Auth.Apis.Clients;
using Tke.Auth.Oidc.Grants;

namespace Tke.Auth.Oidc.Endpoints;

/// <summary>
/// An /oidc/auth request of a known client to one of its registered redirect URIs. Every way of
/// logging in (password form, upstream provider) checks and completes it the same way, so a
/// code is always bound to the client, redirect_uri and PKCE challenge of the request.
/// </summary>
public sealed class AuthorizationRequest
{
    /// <summary>The parameters that survive the login page and the trip to an upstream provider.</summary>
    public static readonly IReadOnlyList<string> CarriedParameters =
        ["client_id", "redirect_uri", "response_type", "scope", "state", "nonce", "code_challenge", "code_challenge_method", "tenant_id"];

    private AuthorizationRequest(IReadOnlyDictionary<string, string> parameters, ClientSpec client, string redirectUri)
    {
        Parameters = parameters;
        Client = client;
        RedirectUri = redirectUri;
    }

    /// <summary>The carried parameters that were given.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    public ClientSpec Client { get; }

    public string RedirectUri { get; }

    public string? State => Value("state");

    public string? TenantId => Value("tenant_id");

    public IReadOnlyList<string> Scopes =>
        (Value("scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The request when its client exists and the redirect_uri is registered for it;
    /// null otherwise, since then there is nowhere safe to send even an error.</summary>
    public static async ValueTask<AuthorizationRequest?> FindAsync(IReadOnlyDictionary<string, string> values, IOidcClientRegistry clients, CancellationToken cancellationToken)
    {
        var clientId = values.GetValueOrDefault("client_id");
        var redirectUri = values.GetValueOrDefault("redirect_uri");
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(redirectUri))
        {
            return null;
        }

        var client = await clients.FindAsync(clientId, cancellationToken);
        if (client?.RedirectUris?.Contains(redirectUri, StringComparer.Ordinal) != true)
        {
            return null;
        }

        var carried = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in CarriedParameters)
        {
            if (values.TryGetValue(name, out var value) && value.Length > 0)
            {
                carried[name] = value;
            }
        }

        return new AuthorizationRequest(carried, client, redirectUri);
    }

    /// <summary>The OAuth error to send back to the client, or null when the request can proceed.</summary>
    public OAuthException? Check()
    {
        if (Value("response_type") != "code")
        {
            return new OAuthException("unsupported_response_type", "only response_type=code is supported");
        }

        if (!Scopes.Contains("openid"))
        {
            return new OAuthException("invalid_scope", "scope must include openid");
        }

        var challenge = Value("code_challenge");
        if (string.IsNullOrEmpty(challenge))
        {
            return Client.Public ? OAuthException.InvalidRequest("public clients must send a PKCE code_challenge") : null;
        }

        if (Value("code_challenge_method") != Pkce.S256)
        {
            return OAuthException.InvalidRequest("code_challenge_method must be S256");
        }

        return Pkce.IsValidChallenge(challenge) ? null : OAuthException.InvalidRequest("code_challenge is not a valid S256 challenge");
    }

    /// <summary>Stores a single-use code for <paramref name="identity"/> and returns the client
    /// URL that carries it with the request's state.</summary>
    public async ValueTask<string> IssueCodeAsync(OidcIdentity identity, IAuthorizationCodeStore codes, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var code = OpaqueToken.Generate();
        await codes.AddAsync(
            new AuthorizationCodeRecord(OpaqueToken.Hash(code), Client.Id, RedirectUri, Value("code_challenge"), identity, Value("nonce"), Scopes, expiresAt),
            cancellationToken);
        var query = new Dictionary<string, string?> { ["code"] = code };
        if (State is { } state)
        {
            query["state"] = state;
        }

        return QueryHelpers.AddQueryString(RedirectUri, query);
    }

    /// <summary>Sends the browser back to the client with an OAuth error.</summary>
    public void RedirectWithError(HttpResponse response, string error, string description)
    {
        var query = new Dictionary<string, string?> { ["error"] = error, ["error_description"] = description };
        if (State is { } state)
        {
            query["state"] = state;
        }

        response.Headers.CacheControl = "no-store";
        response.Redirect(QueryHelpers.AddQueryString(RedirectUri, query));
    }

    /// <summary>The carried parameters as a query string, to hand the request on to another login page.</summary>
    public QueryString ToQueryString() => QueryString.Create(Parameters.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));

    private string? Value(string name) => Parameters.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}

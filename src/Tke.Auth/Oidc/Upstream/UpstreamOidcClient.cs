using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Tke.Auth.Oidc.Grants;

namespace Tke.Auth.Oidc.Upstream;

/// <summary>
/// The platform as a relying party of one upstream OpenID Connect provider: discovery, the
/// authorization URL (code flow with PKCE S256, state and nonce), the code exchange
/// (client_secret_basic, or client_secret_post when basicAuthUnsupported), ID token validation
/// and, when configured, userinfo.
/// </summary>
public sealed class UpstreamOidcClient : IDisposable
{
    private static readonly TimeSpan DiscoveryLifetime = TimeSpan.FromHours(1);

    // A token signed by an unknown key may follow an upstream key rotation; refetching at most
    // this often keeps forged kids from turning us into a request amplifier.
    private static readonly TimeSpan KeyRefetchInterval = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly UpstreamIdTokenValidator _validator;
    private readonly UpstreamClaimMapper _mapper;
    private (UpstreamDiscoveryDocument Document, DateTimeOffset FetchedAt)? _discovery;
    private (UpstreamKeySet Keys, DateTimeOffset FetchedAt)? _keys;

    /// <param name="handler">How to reach the upstream; <see cref="UpstreamHttpHandler.Create"/> in production.</param>
    public UpstreamOidcClient(UpstreamOidcConfig config, HttpMessageHandler handler, TimeProvider time, bool disposeHandler = true)
    {
        Config = config;
        _time = time;
        _http = new HttpClient(handler, disposeHandler) { Timeout = TimeSpan.FromSeconds(15), MaxResponseContentBufferSize = 1024 * 1024 };
        _validator = new UpstreamIdTokenValidator(config.Issuer, config.ClientId, time);
        _mapper = new UpstreamClaimMapper(config);
    }

    public UpstreamOidcConfig Config { get; }

    /// <summary>Prepares a sign-in: fresh state, nonce and PKCE verifier, and the upstream URL to send the browser to.</summary>
    /// <param name="defaultRedirectUri">Our callback, used when the configuration names none.</param>
    public async Task<UpstreamAuthorizationRequest> BeginAsync(string defaultRedirectUri, CancellationToken cancellationToken)
    {
        var discovery = await DiscoverAsync(cancellationToken);
        var redirectUri = string.IsNullOrEmpty(Config.RedirectUri) ? defaultRedirectUri : Config.RedirectUri;
        var state = OpaqueToken.Generate();
        var nonce = OpaqueToken.Generate();
        var verifier = OpaqueToken.Generate();
        var url = QueryHelpers.AddQueryString(discovery.AuthorizationEndpoint.ToString(), new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = Config.ClientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = string.Join(' ', Config.EffectiveScopes),
            ["state"] = state,
            ["nonce"] = nonce,
            ["code_challenge"] = Pkce.Challenge(verifier),
            ["code_challenge_method"] = Pkce.S256,
        });
        return new UpstreamAuthorizationRequest(new Uri(url), state, nonce, verifier, redirectUri);
    }

    /// <summary>Redeems the upstream's code and returns the user its ID token names.</summary>
    /// <exception cref="UpstreamLoginException">The exchange failed or the ID token is not to be trusted.</exception>
    public async Task<UpstreamIdentity> CompleteAsync(string code, string redirectUri, string nonce, string codeVerifier, CancellationToken cancellationToken)
    {
        var discovery = await DiscoverAsync(cancellationToken);
        var (idToken, accessToken) = await ExchangeAsync(discovery, code, redirectUri, codeVerifier, cancellationToken);
        var claims = await ValidateAsync(discovery, idToken, nonce, cancellationToken);
        if (Config.GetUserInfo)
        {
            claims = claims.With(await UserInfoAsync(discovery, accessToken, claims.Subject!, cancellationToken));
        }

        return _mapper.Map(claims);
    }

    public void Dispose() => _http.Dispose();

    private async Task<UpstreamDiscoveryDocument> DiscoverAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_discovery is { } cached && now - cached.FetchedAt < DiscoveryLifetime)
        {
            return cached.Document;
        }

        var url = new Uri(Config.IssuerBase + "/.well-known/openid-configuration");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var body = await SendAsync(request, "discovery", cancellationToken);
        var document = UpstreamDiscoveryDocument.Parse(body, Config.Issuer);
        _discovery = (document, now);
        return document;
    }

    private async Task<(string IdToken, string? AccessToken)> ExchangeAsync(UpstreamDiscoveryDocument discovery, string code, string redirectUri, string codeVerifier, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = codeVerifier,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, discovery.TokenEndpoint);
        if (Config.BasicAuthUnsupported == true)
        {
            form["client_id"] = Config.ClientId;
            form["client_secret"] = Config.ClientSecret;
        }
        else
        {
            // RFC 6749 2.3.1: both parts are form-urlencoded before the Basic encoding.
            var credentials = Uri.EscapeDataString(Config.ClientId) + ":" + Uri.EscapeDataString(Config.ClientSecret);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        request.Content = new FormUrlEncodedContent(form);
        var body = await SendAsync(request, "token endpoint", cancellationToken, allowErrors: true);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id_token", out var id) && id.ValueKind == JsonValueKind.String)
            {
                var access = root.TryGetProperty("access_token", out var at) && at.ValueKind == JsonValueKind.String ? at.GetString() : null;
                return (id.GetString()!, access);
            }

            var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            throw new UpstreamLoginException(error is null
                ? "the upstream's token endpoint returned no ID token"
                : $"the upstream refused to redeem the sign-in code ({ErrorCode(error)})");
        }
        catch (JsonException)
        {
            throw new UpstreamLoginException("the upstream's token endpoint did not answer JSON");
        }
    }

    private async Task<UpstreamClaims> ValidateAsync(UpstreamDiscoveryDocument discovery, string idToken, string nonce, CancellationToken cancellationToken)
    {
        var keys = await KeysAsync(discovery, refetch: false, cancellationToken);
        try
        {
            return _validator.Validate(idToken, keys, nonce);
        }
        catch (UpstreamIdTokenException e) when (e.Problem == UpstreamTokenProblem.UnknownKey && CanRefetchKeys())
        {
            return _validator.Validate(idToken, await KeysAsync(discovery, refetch: true, cancellationToken), nonce);
        }
    }

    private bool CanRefetchKeys() => _keys is not { } cached || _time.GetUtcNow() - cached.FetchedAt >= KeyRefetchInterval;

    private async Task<UpstreamKeySet> KeysAsync(UpstreamDiscoveryDocument discovery, bool refetch, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (!refetch && _keys is { } cached && now - cached.FetchedAt < DiscoveryLifetime)
        {
            return cached.Keys;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, discovery.JwksUri);
        var keys = UpstreamKeySet.Parse(await SendAsync(request, "JWKS", cancellationToken));
        _keys = (keys, now);
        return keys;
    }

    private async Task<UpstreamClaims> UserInfoAsync(UpstreamDiscoveryDocument discovery, string? accessToken, string subject, CancellationToken cancellationToken)
    {
        if (discovery.UserInfoEndpoint is null || string.IsNullOrEmpty(accessToken))
        {
            throw new UpstreamLoginException("getUserInfo is set but the upstream offers no userinfo endpoint or access token");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, discovery.UserInfoEndpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var body = await SendAsync(request, "userinfo endpoint", cancellationToken);
        UpstreamClaims? claims;
        try
        {
            claims = UpstreamClaims.Parse(body);
        }
        catch (JsonException)
        {
            claims = null;
        }

        if (claims is null)
        {
            throw new UpstreamLoginException("the upstream's userinfo endpoint did not answer a JSON object");
        }

        // OIDC Core 5.3.4: userinfo about someone else must not be mixed into this login.
        return claims.Subject == subject
            ? claims
            : throw new UpstreamLoginException("the upstream's userinfo is about another user than its ID token");
    }

    private async Task<byte[]> SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken, bool allowErrors = false)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);

            // OAuth errors come as 400/401 with a JSON body the caller reads.
            if (!response.IsSuccessStatusCode && !(allowErrors && (int)response.StatusCode is 400 or 401))
            {
                throw new UpstreamLoginException($"the upstream's {what} answered HTTP {(int)response.StatusCode}");
            }

            return await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new UpstreamLoginException($"the upstream's {what} could not be reached", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UpstreamLoginException($"the upstream's {what} did not answer in time", e);
        }
    }

    /// <summary>The OAuth error code when it is a plain token, so upstream text cannot smuggle anything into pages or logs.</summary>
    private static string ErrorCode(string error) =>
        error.Length <= 64 && error.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') ? error : "unrecognised error";
}

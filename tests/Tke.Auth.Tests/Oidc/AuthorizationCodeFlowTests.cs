using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Tke.Auth.Oidc.Grants;
using static Tke.Auth.Tests.Oidc.OidcRig;

namespace Tke.Auth.Tests.Oidc;

public sealed class AuthorizationCodeFlowTests
{
    private const string Redirect = "https://tke.example.com/callback";
    private const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private readonly OidcRig _rig = new();

    private static string AuthQuery(string redirect = Redirect, string? challenge = null, string method = "S256") =>
        "?" + Form(("client_id", "console"), ("redirect_uri", redirect), ("response_type", "code"), ("scope", "openid groups"),
            ("state", "st-1"), ("nonce", "nn-1"), ("code_challenge", challenge ?? Pkce.Challenge(Verifier)), ("code_challenge_method", method));

    [Fact]
    public async Task LoginFormIsAccessibleAndCarriesCsrfToken()
    {
        var context = Get(AuthQuery());
        await _rig.Authorization.HandleAsync(context);
        Assert.Equal(200, context.Response.StatusCode);
        var html = Body(context);
        Assert.Contains("<label for=\"username\">", html);
        Assert.Contains("autocomplete=\"current-password\"", html);
        Assert.Contains("name=\"code_challenge\"", html);
        Assert.Contains("lang=\"en\"", html);
        Assert.Equal("DENY", context.Response.Headers.XFrameOptions.ToString());
        var cookie = context.Response.Headers.SetCookie.ToString();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
    }

    [Fact]
    public async Task FullFlowWithPkceIssuesTokensWithNonce()
    {
        var code = await LoginAsync();
        var token = await ExchangeAsync(code, Verifier);
        Assert.Equal(200, token.Response.StatusCode);
        var id = _rig.Validator.Validate(Json(token).GetProperty("id_token").GetString()!);
        Assert.Equal("nn-1", id.Nonce);
        Assert.Equal(["console"], id.Audiences);
        Assert.Equal("alice", id.Name);
    }

    [Fact]
    public async Task WrongVerifierFails()
    {
        var token = await ExchangeAsync(await LoginAsync(), "x" + Verifier[1..]);
        Assert.Equal(400, token.Response.StatusCode);
        Assert.Equal("invalid_grant", Json(token).GetProperty("error").GetString());
    }

    [Fact]
    public async Task CodeCanBeUsedOnce()
    {
        var code = await LoginAsync();
        Assert.Equal(200, (await ExchangeAsync(code, Verifier)).Response.StatusCode);
        Assert.Equal(400, (await ExchangeAsync(code, Verifier)).Response.StatusCode);
    }

    [Fact]
    public async Task RedirectUriMismatchFailsAndSpendsTheCode()
    {
        var code = await LoginAsync();
        Assert.Equal(400, (await ExchangeAsync(code, Verifier, "https://tke.example.com/bye")).Response.StatusCode);
        Assert.Equal(400, (await ExchangeAsync(code, Verifier)).Response.StatusCode);
    }

    [Fact]
    public async Task ExpiredCodeFails()
    {
        var code = await LoginAsync();
        _rig.Clock.Advance(_rig.Options.AuthorizationCodeLifetime);
        Assert.Equal(400, (await ExchangeAsync(code, Verifier)).Response.StatusCode);
    }

    [Fact]
    public async Task UnregisteredRedirectIsNeverFollowed()
    {
        var context = Get(AuthQuery("https://evil.example.com/cb"));
        await _rig.Authorization.HandleAsync(context);
        Assert.Equal(400, context.Response.StatusCode);
        Assert.Equal("", context.Response.Headers.Location.ToString());
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("")]
    public async Task PublicClientsMustUseS256(string method)
    {
        var context = Get(AuthQuery(method: method));
        await _rig.Authorization.HandleAsync(context);
        Assert.Equal(302, context.Response.StatusCode);
        var query = QueryHelpers.ParseQuery(new Uri(context.Response.Headers.Location.ToString()).Query);
        Assert.Equal("invalid_request", query["error"].ToString());
        Assert.Equal("st-1", query["state"].ToString());
    }

    [Fact]
    public async Task PostWithoutCsrfCookieIsRefused()
    {
        var form = AuthQuery()[1..] + "&" + Form(("username", "alice"), ("password", "Secret12345"), ("csrf_token", "abc"));
        var context = Post(form);
        await _rig.Authorization.HandleAsync(context);
        Assert.Equal(403, context.Response.StatusCode);
    }

    [Fact]
    public async Task WrongPasswordRedisplaysTheForm()
    {
        var (csrf, cookie) = await FormAsync();
        var context = Post(AuthQuery()[1..] + "&" + Form(("username", "alice"), ("password", "nope"), ("csrf_token", csrf)), cookie: cookie);
        await _rig.Authorization.HandleAsync(context);
        Assert.Equal(401, context.Response.StatusCode);
        Assert.Contains("role=\"alert\"", Body(context));
    }

    [Fact]
    public async Task LogoutRevokesTheSessionAndReturnsToARegisteredAddress()
    {
        var token = await ExchangeAsync(await LoginAsync(), Verifier);
        var body = Json(token);
        var logout = Get("?" + Form(("id_token_hint", body.GetProperty("id_token").GetString()!), ("post_logout_redirect_uri", "https://tke.example.com/bye"), ("state", "s2")));
        await _rig.EndSession.HandleAsync(logout);
        Assert.Equal(302, logout.Response.StatusCode);
        Assert.Equal("https://tke.example.com/bye?state=s2", logout.Response.Headers.Location.ToString());

        var refresh = Post(Form(("grant_type", "refresh_token"), ("refresh_token", body.GetProperty("refresh_token").GetString()!), ("client_id", "console")));
        await _rig.Token.HandleAsync(refresh);
        Assert.Equal(400, refresh.Response.StatusCode);

        var evil = Get("?" + Form(("id_token_hint", body.GetProperty("id_token").GetString()!), ("post_logout_redirect_uri", "https://evil.example.com/")));
        await _rig.EndSession.HandleAsync(evil);
        Assert.Equal(400, evil.Response.StatusCode);
    }

    private async Task<(string Csrf, string Cookie)> FormAsync()
    {
        var page = Get(AuthQuery());
        await _rig.Authorization.HandleAsync(page);
        var csrf = Regex.Match(Body(page), "name=\"csrf_token\" value=\"([0-9a-f]+)\"").Groups[1].Value;
        Assert.NotEmpty(csrf);
        return (csrf, $"{Tke.Auth.Oidc.Endpoints.AuthorizationEndpoint.CsrfCookie}={csrf}");
    }

    private async Task<string> LoginAsync()
    {
        var (csrf, cookie) = await FormAsync();
        var context = Post(AuthQuery()[1..] + "&" + Form(("username", "alice"), ("password", "Secret12345"), ("csrf_token", csrf)), cookie: cookie);
        await _rig.Authorization.HandleAsync(context);
        Assert.Equal(302, context.Response.StatusCode);
        var location = new Uri(context.Response.Headers.Location.ToString());
        Assert.StartsWith(Redirect, location.ToString());
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("st-1", query["state"].ToString());
        return query["code"].ToString();
    }

    private async Task<Microsoft.AspNetCore.Http.DefaultHttpContext> ExchangeAsync(string code, string verifier, string redirect = Redirect)
    {
        var context = Post(Form(("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirect), ("code_verifier", verifier), ("client_id", "console")));
        await _rig.Token.HandleAsync(context);
        return context;
    }
}

using Tke.Auth.Oidc.Grants;
using static Tke.Auth.Tests.Oidc.OidcRig;

namespace Tke.Auth.Tests.Oidc;

public sealed class TokenEndpointTests
{
    private readonly OidcRig _rig = new();

    [Fact]
    public async Task PasswordGrantIssuesTokensThatAuthenticate()
    {
        var context = await PasswordAsync("alice", "Secret12345");
        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal("no-store", context.Response.Headers.CacheControl.ToString());
        var body = Json(context);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt64());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("refresh_token").GetString()));
        var user = _rig.Authenticator.Authenticate("Bearer " + body.GetProperty("id_token").GetString());
        Assert.Equal("alice", user!.Name);
        Assert.Equal("default", user.TenantId);
    }

    [Theory]
    [InlineData("alice", "wrong-password")]
    [InlineData("nobody", "Secret12345")]
    public async Task WrongPasswordAndUnknownUserLookTheSame(string username, string password)
    {
        var context = await PasswordAsync(username, password);
        Assert.Equal(401, context.Response.StatusCode);
        Assert.Equal("""{"error":"invalid_grant","error_description":"invalid username or password"}""", Body(context));
    }

    [Fact]
    public async Task ThrottledLoginIs429WithRetryAfter()
    {
        _rig.Passwords.ThrottleAll = true;
        var context = await PasswordAsync("alice", "Secret12345");
        Assert.Equal(429, context.Response.StatusCode);
        Assert.Equal("30", context.Response.Headers.RetryAfter.ToString());
    }

    [Theory]
    [InlineData(null, "grant_type=password&username=alice&password=Secret12345&client_id=default&client_secret=bad", 401, "invalid_client")]
    [InlineData("default:bad", "grant_type=password&username=alice&password=Secret12345", 401, "invalid_client")]
    [InlineData(null, "grant_type=password&username=alice&password=Secret12345", 401, "invalid_client")]
    [InlineData(null, "grant_type=password&username=alice&password=Secret12345&client_id=ghost", 401, "invalid_client")]
    [InlineData("default:client-secret-1", "grant_type=client_credentials", 400, "unsupported_grant_type")]
    [InlineData("default:client-secret-1", "grant_type=password&username=alice", 400, "invalid_request")]
    [InlineData("default:client-secret-1", "grant_type=password&grant_type=password&username=alice&password=x", 400, "invalid_request")]
    [InlineData("default:client-secret-1", "grant_type=refresh_token&refresh_token=made-up", 400, "invalid_grant")]
    public async Task ErrorsFollowRfc6749(string? basic, string form, int status, string error)
    {
        var context = Post(form, basic);
        await _rig.Token.HandleAsync(context);
        Assert.Equal(status, context.Response.StatusCode);
        Assert.Equal(error, Json(context).GetProperty("error").GetString());
        Assert.Equal("no-store", context.Response.Headers.CacheControl.ToString());
    }

    [Fact]
    public async Task ClientSecretPostAndPublicClientsAuthenticate()
    {
        var post = Post(Form(("grant_type", "password"), ("username", "alice"), ("password", "Secret12345"), ("client_id", "default"), ("client_secret", "client-secret-1")));
        await _rig.Token.HandleAsync(post);
        Assert.Equal(200, post.Response.StatusCode);

        var pub = Post(Form(("grant_type", "password"), ("username", "alice"), ("password", "Secret12345"), ("client_id", "console")));
        await _rig.Token.HandleAsync(pub);
        Assert.Equal(200, pub.Response.StatusCode);
    }

    [Fact]
    public async Task RefreshRotatesTheTokenAndReuseRevokesTheSession()
    {
        var first = Json(await PasswordAsync("alice", "Secret12345")).GetProperty("refresh_token").GetString()!;
        var refreshed = await RefreshAsync(first);
        Assert.Equal(200, refreshed.Response.StatusCode);
        var second = Json(refreshed).GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(first, second);
        Assert.Equal("alice", _rig.Validator.Validate(Json(refreshed).GetProperty("access_token").GetString()!).Name);

        // The first token was already exchanged: presenting it again means it leaked.
        var reuse = await RefreshAsync(first);
        Assert.Equal(400, reuse.Response.StatusCode);
        Assert.Equal("invalid_grant", Json(reuse).GetProperty("error").GetString());

        // ...so the legitimate successor is dead too.
        Assert.Equal(400, (await RefreshAsync(second)).Response.StatusCode);
        Assert.Equal(0, _rig.RefreshStore.Count);
    }

    [Fact]
    public async Task RefreshFailsForDisabledUsersAndOtherClientsAndAfterExpiry()
    {
        var token = Json(await PasswordAsync("alice", "Secret12345")).GetProperty("refresh_token").GetString()!;
        var otherClient = Post(Form(("grant_type", "refresh_token"), ("refresh_token", token), ("client_id", "console")));
        await _rig.Token.HandleAsync(otherClient);
        Assert.Equal(400, otherClient.Response.StatusCode);

        _rig.Passwords.Disabled.Add("alice");
        Assert.Equal(400, (await RefreshAsync(token)).Response.StatusCode);
        _rig.Passwords.Disabled.Clear();

        token = Json(await PasswordAsync("alice", "Secret12345")).GetProperty("refresh_token").GetString()!;
        _rig.Clock.Advance(_rig.Options.RefreshTokenIdleLifetime);
        Assert.Equal(400, (await RefreshAsync(token)).Response.StatusCode);
    }

    [Fact]
    public async Task StoreHoldsOnlyHashes()
    {
        var token = Json(await PasswordAsync("alice", "Secret12345")).GetProperty("refresh_token").GetString()!;
        Assert.Null(await _rig.RefreshStore.FindAsync(token, default));
        Assert.NotNull(await _rig.RefreshStore.FindAsync(OpaqueToken.Hash(token), default));
    }

    [Fact]
    public async Task RevocationEndsTheSession()
    {
        var token = Json(await PasswordAsync("alice", "Secret12345")).GetProperty("refresh_token").GetString()!;
        var revoke = Post(Form(("token", token), ("token_type_hint", "refresh_token")), "default:client-secret-1");
        await _rig.Revocation.HandleAsync(revoke);
        Assert.Equal(200, revoke.Response.StatusCode);
        Assert.Equal(400, (await RefreshAsync(token)).Response.StatusCode);

        var unknown = Post(Form(("token", "never-issued")), "default:client-secret-1");
        await _rig.Revocation.HandleAsync(unknown);
        Assert.Equal(200, unknown.Response.StatusCode);

        var unauthenticated = Post(Form(("token", token)), "default:wrong");
        await _rig.Revocation.HandleAsync(unauthenticated);
        Assert.Equal(401, unauthenticated.Response.StatusCode);
    }

    [Fact]
    public async Task UserInfoAnswersForAccessTokensOnly()
    {
        var body = Json(await PasswordAsync("alice", "Secret12345"));
        var info = Get("", bearer: body.GetProperty("access_token").GetString());
        await _rig.UserInfo.HandleAsync(info);
        Assert.Equal(200, info.Response.StatusCode);
        var claims = Json(info);
        Assert.Equal("usr-alice", claims.GetProperty("sub").GetString());
        Assert.Equal("default", claims.GetProperty("federated_claims").GetProperty("connector_id").GetString());

        var withId = Get("", bearer: body.GetProperty("id_token").GetString());
        await _rig.UserInfo.HandleAsync(withId);
        Assert.Equal(401, withId.Response.StatusCode);
        Assert.Contains("invalid_token", withId.Response.Headers.WWWAuthenticate.ToString());
    }

    private async Task<Microsoft.AspNetCore.Http.DefaultHttpContext> PasswordAsync(string username, string password)
    {
        var context = Post(Form(("grant_type", "password"), ("username", username), ("password", password), ("scope", "openid offline_access")), "default:client-secret-1");
        await _rig.Token.HandleAsync(context);
        return context;
    }

    private async Task<Microsoft.AspNetCore.Http.DefaultHttpContext> RefreshAsync(string token)
    {
        var context = Post(Form(("grant_type", "refresh_token"), ("refresh_token", token)), "default:client-secret-1");
        await _rig.Token.HandleAsync(context);
        return context;
    }
}

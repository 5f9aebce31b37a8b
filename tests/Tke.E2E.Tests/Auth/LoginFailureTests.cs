using System.Net.Http.Headers;
using Tke.E2E.Tests.Resources;

namespace Tke.E2E.Tests.Auth;

/// <summary>Failed logins and bad bearer tokens: one answer for wrong passwords and unknown users, throttling, forged and malformed tokens.</summary>
[Collection(AuthServerCollection.Name)]
public sealed class LoginFailureTests(AuthServerFixture fixture)
{
    private readonly AuthApi _api = new(fixture.Server);

    [Fact]
    public async Task Wrong_password_and_unknown_user_get_the_same_401()
    {
        using var anonymous = fixture.Server.CreateHttpClient(null);
        var oidc = new OidcPasswordClient(anonymous);

        var wrongPassword = (await oidc.PasswordGrantAsync("admin", "Wrong12345Pass")).Expect(401);
        var unknownUser = (await oidc.PasswordGrantAsync(AuthManifests.UniqueName("ghost"), AuthServerFixture.AdminPassword)).Expect(401);

        Assert.Equal("invalid_grant", (string?)wrongPassword.Json?["error"]);
        Assert.Equal(wrongPassword.Text, unknownUser.Text);
        // The failure did not lock the real account or change its password.
        (await oidc.PasswordGrantAsync("admin", AuthServerFixture.AdminPassword)).Expect(200);
    }

    [Fact]
    public async Task The_sixth_wrong_password_in_a_row_is_throttled_with_retry_after()
    {
        var username = AuthManifests.UniqueName("victim");
        const string password = "Victim12345Ok";
        await _api.CreateUserAsync(username, password);
        using var anonymous = fixture.Server.CreateHttpClient(null);
        var oidc = new OidcPasswordClient(anonymous);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            (await oidc.PasswordGrantAsync(username, "Guess12345Pw" + attempt)).Expect(401);
        }

        var throttled = (await oidc.PasswordGrantAsync(username, "Guess12345Pw6")).Expect(429);
        var retryAfter = throttled.Message.Headers.RetryAfter;
        Assert.NotNull(retryAfter);
        Assert.True(retryAfter.Delta > TimeSpan.Zero, $"Retry-After {retryAfter}");
        // While locked out even the right password is refused, so guessing gains nothing.
        (await oidc.PasswordGrantAsync(username, password)).Expect(429);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_401()
    {
        using var anonymous = fixture.Server.CreateHttpClient(null);
        var genuine = await new OidcPasswordClient(anonymous).AccessTokenAsync("admin", AuthServerFixture.AdminPassword);
        using var forged = fixture.Server.CreateHttpClient(ForgedJwt.ResignWithOwnKey(genuine));
        using var unsigned = fixture.Server.CreateHttpClient(ForgedJwt.Unsigned(genuine));

        (await _api.Clusters(forged).ListAsync()).Expect(401);
        (await _api.Clusters(unsigned).ListAsync()).Expect(401);
        // The genuine token still works: only the signature made the difference.
        using var real = fixture.Server.CreateHttpClient(genuine);
        (await _api.Clusters(real).ListAsync()).Expect(200);
    }

    [Theory]
    [InlineData("eyJ.x.y")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30")]
    public async Task A_malformed_jwt_is_401(string token)
    {
        using var client = fixture.Server.CreateHttpClient(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await _api.Clusters(client).ListAsync()).Expect(401);
        var name = AuthManifests.UniqueName("cls-bad");
        (await ResourceClient.SendAsync(client, HttpMethod.Post, AuthApi.ClustersPath, ResourceClient.Json(AuthManifests.Cluster(name, "default")))).Expect(401);
        (await _api.Clusters().GetAsync(name)).Expect(404);
    }
}

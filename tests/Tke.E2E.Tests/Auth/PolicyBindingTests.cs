namespace Tke.E2E.Tests.Auth;

/// <summary>A user without a policy may authenticate but not act; binding it to a preset policy grants access within seconds.</summary>
[Collection(AuthServerCollection.Name)]
public sealed class PolicyBindingTests(AuthServerFixture fixture)
{
    private readonly AuthApi _api = new(fixture.Server);

    [Fact]
    public async Task A_user_without_policy_is_403_until_bound_to_the_platform_policy()
    {
        var username = AuthManifests.UniqueName("nopol");
        const string password = "NoPolicy123Ok";
        await _api.CreateUserAsync(username, password);
        using var user = await _api.LogInAsync(username, password);

        var denied = (await _api.Clusters(user).ListAsync()).Expect(403);
        Assert.Equal("Forbidden", denied.Reason);
        Assert.Contains($"User \"{username}\" cannot list resource", (string?)denied.Json?["message"], StringComparison.Ordinal);
        var cluster = AuthManifests.UniqueName("cls-nopol");
        (await _api.Clusters(user).CreateAsync(AuthManifests.Cluster(cluster, null))).Expect(403);
        (await _api.Clusters().GetAsync(cluster)).Expect(404);

        await _api.BindAsync("pol-default-platform", username);

        await AuthApi.PollUntilAsync(() => _api.Clusters(user).ListAsync(), 200, TimeSpan.FromSeconds(10));
        var created = (await _api.Clusters(user).CreateAsync(AuthManifests.Cluster(cluster, null))).Expect(201);
        Assert.Equal("default", (string?)created.Json!["spec"]!["tenantID"]);
    }
}

namespace Tke.E2E.Tests.Auth;

/// <summary>Policy statements are checked strictly, and a tenant user cannot grant what it does not hold.</summary>
[Collection(AuthServerCollection.Name)]
public sealed class PolicyAdmissionTests(AuthServerFixture fixture)
{
    private readonly AuthApi _api = new(fixture.Server);

    [Theory]
    [InlineData("get cluster", "*")]
    [InlineData("", "*")]
    [InlineData("getCluster", "cluster: cls-1")]
    public async Task A_malformed_statement_is_422_with_a_spec_statement_cause_and_stores_nothing(string action, string resource)
    {
        var name = AuthManifests.UniqueName("pol-bad");

        var refused = (await _api.Policies().CreateAsync(AuthManifests.Policy(name, [action], [resource], "default"))).Expect(422);

        Assert.Equal("Invalid", refused.Reason);
        Assert.Contains(refused.CauseFields, f => f.StartsWith("spec.statement", StringComparison.Ordinal));
        (await _api.Policies().GetAsync(name)).Expect(404);
    }

    [Fact]
    public async Task A_user_may_not_create_a_policy_granting_more_than_it_holds()
    {
        var username = AuthManifests.UniqueName("reader");
        const string password = "Reader12345Ok";
        await _api.CreateUserAsync(username, password);
        // Reads everything and may create policies, but holds no write action beyond that.
        var own = AuthManifests.UniqueName("pol-reader");
        (await _api.Policies().CreateAsync(AuthManifests.Policy(own, ["get*", "list*", "createPolicy"], ["*"], "default"))).Expect(201);
        await _api.BindAsync(own, username);
        using var user = await _api.LogInAsync(username, password);
        await AuthApi.PollUntilAsync(() => _api.Policies(user).GetAsync(own), 200, TimeSpan.FromSeconds(10));

        var escalation = AuthManifests.UniqueName("pol-esc");
        var refused = (await _api.Policies(user).CreateAsync(AuthManifests.Policy(escalation, ["*"], ["*"]))).Expect(403);
        Assert.Equal("Forbidden", refused.Reason);
        (await _api.Policies().GetAsync(escalation)).Expect(404);

        // What it does hold it may grant.
        var modest = AuthManifests.UniqueName("pol-modest");
        (await _api.Policies(user).CreateAsync(AuthManifests.Policy(modest, ["getCluster"], ["cluster:*"]))).Expect(201);
    }

    [Fact]
    public async Task A_user_with_only_get_actions_cannot_create_any_policy()
    {
        var username = AuthManifests.UniqueName("getter");
        const string password = "Getter12345Ok";
        await _api.CreateUserAsync(username, password);
        var own = AuthManifests.UniqueName("pol-getter");
        (await _api.Policies().CreateAsync(AuthManifests.Policy(own, ["get*"], ["*"], "default"))).Expect(201);
        await _api.BindAsync(own, username);
        using var user = await _api.LogInAsync(username, password);
        await AuthApi.PollUntilAsync(() => _api.Policies(user).GetAsync(own), 200, TimeSpan.FromSeconds(10));

        var escalation = AuthManifests.UniqueName("pol-esc");
        (await _api.Policies(user).CreateAsync(AuthManifests.Policy(escalation, ["*"], ["*"]))).Expect(403);
        (await _api.Policies().GetAsync(escalation)).Expect(404);
    }
}

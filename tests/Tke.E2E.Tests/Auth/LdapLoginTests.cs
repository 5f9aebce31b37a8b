using System.Text.Json.Nodes;
using Tke.TestSupport.Ldap;

namespace Tke.E2E.Tests.Auth;

/// <summary>
/// Logins through an LDAP identity provider created over the API, against a real slapd: the
/// directory's users get tokens with their groups, and a wrong directory password looks like an unknown user.
/// </summary>
[Collection(AuthServerCollection.Name)]
public sealed class LdapLoginTests(AuthServerFixture fixture, SlapdFixture slapd) : IClassFixture<SlapdFixture>
{
    // Providers are looked up by tenant: the provider of tenant "default" is named "default".
    private const string ProviderName = "default";
    private readonly AuthApi _api = new(fixture.Server);

    private JsonObject Provider() => new()
    {
        ["apiVersion"] = AuthManifests.ApiVersion,
        ["kind"] = "IdentityProvider",
        ["metadata"] = new JsonObject { ["name"] = ProviderName },
        ["spec"] = new JsonObject { ["name"] = "Example LDAP", ["type"] = "ldap", ["config"] = slapd.ConnectorConfigJson() },
    };

    [Fact]
    public async Task A_directory_group_bound_to_a_policy_grants_its_members_and_no_one_else()
    {
        var policyName = AuthManifests.UniqueName("pol-ldap-");
        (await _api.Policies().CreateAsync(AuthManifests.Policy(policyName, ["list*", "get*"], ["*"]))).Expect(201);
        (await _api.IdentityProviders().CreateAsync(Provider())).Expect(201);
        try
        {
            using var anonymous = fixture.Server.CreateHttpClient(null);
            var oidc = new OidcPasswordClient(anonymous);
            using var jane = fixture.Server.CreateHttpClient(await oidc.AccessTokenAsync("jane", SlapdFixture.JanePassword));
            using var john = fixture.Server.CreateHttpClient(await oidc.AccessTokenAsync("john", SlapdFixture.JohnPassword));
            (await _api.Clusters(jane).ListAsync()).Expect(403);

            // jane is in the directory group "admins", john is not.
            await _api.BindGroupAsync(policyName, "admins");

            await AuthApi.PollUntilAsync(() => _api.Clusters(jane).ListAsync(), 200, TimeSpan.FromSeconds(10));
            (await _api.Clusters(john).ListAsync()).Expect(403);
        }
        finally
        {
            (await _api.IdentityProviders().DeleteAsync(ProviderName)).Expect(200);
            (await _api.Policies().DeleteAsync(policyName)).Expect(200);
        }
    }

    [Fact]
    public async Task An_ldap_user_logs_in_with_its_directory_password_and_groups()
    {
        (await _api.IdentityProviders().CreateAsync(Provider())).Expect(201);
        try
        {
            using var anonymous = fixture.Server.CreateHttpClient(null);
            var oidc = new OidcPasswordClient(anonymous);

            var token = await oidc.AccessTokenAsync("jane", SlapdFixture.JanePassword);

            var userInfo = await oidc.UserInfoAsync(token);
            Assert.Equal("jane", (string?)userInfo["name"]);
            Assert.Equal($"uid=jane,{SlapdFixture.PeopleDn}", (string?)userInfo["sub"]);
            var groups = userInfo["groups"]!.AsArray().Select(g => (string?)g).ToList();
            Assert.Contains("admins", groups);
            Assert.Contains("developers", groups);

            using var jane = fixture.Server.CreateHttpClient(token);
            var review = (await _api.SelfSubjectReviewAsync(jane)).Expect(201);
            var reviewed = review.Json!["status"]!["userInfo"]!;
            Assert.Equal("jane", (string?)reviewed["username"]);
            Assert.Contains("developers", reviewed["groups"]!.AsArray().Select(g => (string?)g));

            var wrongPassword = (await oidc.PasswordGrantAsync("john", SlapdFixture.JanePassword)).Expect(401);
            var unknown = (await oidc.PasswordGrantAsync(AuthManifests.UniqueName("nobody"), SlapdFixture.JanePassword)).Expect(401);
            Assert.Equal(unknown.Text, wrongPassword.Text);
        }
        finally
        {
            // Later logins must not depend on this class's slapd, which stops with the class.
            (await _api.IdentityProviders().DeleteAsync(ProviderName)).Expect(200);
        }
    }
}

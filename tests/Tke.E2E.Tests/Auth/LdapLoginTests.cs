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

    [Fact]
    public async Task An_ldap_user_logs_in_with_its_directory_password_and_groups()
    {
        var provider = new JsonObject
        {
            ["apiVersion"] = AuthManifests.ApiVersion,
            ["kind"] = "IdentityProvider",
            ["metadata"] = new JsonObject { ["name"] = ProviderName },
            ["spec"] = new JsonObject { ["name"] = "Example LDAP", ["type"] = "ldap", ["config"] = slapd.ConnectorConfigJson() },
        };
        (await _api.IdentityProviders().CreateAsync(provider)).Expect(201);
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

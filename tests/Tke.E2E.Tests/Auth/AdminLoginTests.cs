using Tke.E2E.Tests.Kubectl;

namespace Tke.E2E.Tests.Auth;

/// <summary>The first admin logs in with the password from --admin-password and uses the token with the API and kubectl.</summary>
[Collection(AuthServerCollection.Name)]
public sealed class AdminLoginTests(AuthServerFixture fixture)
{
    private readonly AuthApi _api = new(fixture.Server);

    [Fact]
    public async Task The_admin_password_grant_token_lists_clusters_over_http_and_with_kubectl()
    {
        using var anonymous = fixture.Server.CreateHttpClient(null);
        var login = (await new OidcPasswordClient(anonymous).PasswordGrantAsync("admin", AuthServerFixture.AdminPassword)).Expect(200);
        var token = (string)login.Json!["access_token"]!;
        Assert.Equal("Bearer", (string?)login.Json["token_type"]);
        Assert.False(string.IsNullOrEmpty((string?)login.Json["id_token"]));
        Assert.False(string.IsNullOrEmpty((string?)login.Json["refresh_token"]));

        using var admin = fixture.Server.CreateHttpClient(token);
        var list = (await _api.Clusters(admin).ListAsync()).Expect(200);
        Assert.Equal("ClusterList", (string?)list.Json!["kind"]);

        var kubeconfig = TokenKubeconfig.Write(fixture.Server.DataDir, fixture.BaseAddress, Path.Combine(fixture.Server.DataDir, "pki", "ca.crt"), token);
        var kubectl = new KubectlRunner(kubeconfig, Path.Combine(fixture.Server.DataDir, "kubectl-cache-admin"), fixture.Server.Output);
        var result = (await kubectl.RunAsync("get", "clusters")).EnsureSuccess();
        Assert.DoesNotContain("Unauthorized", result.Stderr, StringComparison.Ordinal);
        var whoami = (await kubectl.RunAsync("auth", "whoami", "-o", "jsonpath={.status.userInfo.username}")).EnsureSuccess();
        Assert.Equal("admin", whoami.Stdout.Trim());
    }
}

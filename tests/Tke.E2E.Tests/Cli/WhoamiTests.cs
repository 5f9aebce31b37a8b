using Tke.E2E.Tests.Hosting;

namespace Tke.E2E.Tests.Cli;

/// <summary>`kubectl auth whoami` and `tke whoami` against the server (SelfSubjectReview).</summary>
[Collection(SharedServerCollection.Name)]
public sealed class WhoamiTests(TkeServerFixture server)
{
    [Fact]
    public async Task Kubectl_auth_whoami_shows_the_bootstrap_admin_and_its_tenant()
    {
        var result = await server.Kubectl("auth", "whoami", "-o", "jsonpath={.status.userInfo.username} {.status.userInfo.extra.tkestack\\.io/tenant-id[0]}");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("admin default", result.Stdout.Trim());
    }

    [Fact]
    public async Task Tke_whoami_reads_the_kubeconfig()
    {
        var (code, stdout, stderr) = await TkeCommand.RunAsync("whoami", "--kubeconfig", server.Kubeconfig);
        Assert.True(code == 0, stderr);
        Assert.Contains("user:   admin", stdout);
        Assert.Contains("tenant: default", stdout);
    }

    [Fact]
    public async Task Tke_whoami_with_a_wrong_token_fails_with_401()
    {
        var bad = Path.Combine(server.Server.DataDir, "wrong-token.kubeconfig");
        var text = await File.ReadAllTextAsync(server.Kubeconfig);
        await File.WriteAllTextAsync(bad, text.Replace(server.Token, "not-the-token", StringComparison.Ordinal));
        var (code, _, stderr) = await TkeCommand.RunAsync("whoami", "--kubeconfig", bad);
        Assert.Equal(1, code);
        Assert.Contains("401", stderr);
    }

    [Fact]
    public async Task Tke_whoami_with_a_missing_kubeconfig_says_so()
    {
        var (code, _, stderr) = await TkeCommand.RunAsync("whoami", "--kubeconfig", "/nonexistent/kubeconfig");
        Assert.Equal(1, code);
        Assert.Contains("does not exist", stderr);
    }
}

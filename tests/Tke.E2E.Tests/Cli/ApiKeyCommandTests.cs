using System.Net;
using Tke.E2E.Tests.Hosting;

namespace Tke.E2E.Tests.Cli;

/// <summary>`tke apikey create` and `tke apikey list` for a logged-in user.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class ApiKeyCommandTests(TkeServerFixture server)
{
    [Fact]
    public async Task A_created_key_is_printed_once_and_works_as_a_bearer_token()
    {
        var user = await LoggedInUser.StartAsync(server, prefix: "apikey");
        var description = "ci-" + Guid.NewGuid().ToString("N")[..6];
        var (code, stdout, stderr) = await TkeCommand.RunAsync("apikey", "create", "--expire", "1h", "--description", description, "--kubeconfig", user.KubeconfigPath);
        Assert.True(code == 0, stderr + server.ServerOutputTail);
        var key = stdout.Trim();
        Assert.False(string.IsNullOrEmpty(key));
        Assert.DoesNotContain('\n', key);

        using var http = server.Server.CreateHttpClient(key);
        using var response = await http.GetAsync("/apis/platform.tkestack.io/v1/clusters");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var list = await TkeCommand.RunAsync("apikey", "list", "--kubeconfig", user.KubeconfigPath);
        Assert.True(list.Code == 0, list.Err);
        Assert.Matches(@"^NAME\s+DESCRIPTION\s+USERNAME\s+EXPIRE AT\s+DISABLED\s+EXPIRED\s+AGE", list.Out);
        Assert.Contains(description, list.Out);
        Assert.Contains(user.Username, list.Out);
        Assert.DoesNotContain(key, list.Out);
    }

    [Fact]
    public async Task A_bad_expiry_is_refused_locally()
    {
        var (code, _, stderr) = await TkeCommand.RunAsync("apikey", "create", "--expire", "tomorrow", "--kubeconfig", server.Kubeconfig);
        Assert.Equal(1, code);
        Assert.Contains("--expire", stderr);
    }

    [Fact]
    public async Task Without_valid_credentials_the_401_is_reported()
    {
        var user = await LoggedInUser.StartAsync(server, prefix: "apikey-out");
        Assert.Equal(0, (await TkeCommand.RunAsync("logout", "--kubeconfig", user.KubeconfigPath)).Code);
        var (code, _, stderr) = await TkeCommand.RunAsync("apikey", "create", "--expire", "1h", "--kubeconfig", user.KubeconfigPath);
        Assert.Equal(1, code);
        Assert.Contains("401", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }
}

using Tke.E2E.Tests.Hosting;

namespace Tke.E2E.Tests.Cli;

/// <summary>`tke logout`: revokes the login session and forgets its tokens.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class LogoutTests(TkeServerFixture server)
{
    [Fact]
    public async Task Logout_revokes_the_refresh_token_and_removes_the_tokens()
    {
        var user = await LoggedInUser.StartAsync(server, prefix: "logout");
        var refreshToken = user.StoredRefreshToken();
        Assert.False(string.IsNullOrEmpty(refreshToken));

        var (code, stdout, stderr) = await TkeCommand.RunAsync("logout", "--kubeconfig", user.KubeconfigPath);
        Assert.True(code == 0, stderr + server.ServerOutputTail);
        Assert.Contains("Logged out", stdout);

        var text = await File.ReadAllTextAsync(user.KubeconfigPath);
        Assert.DoesNotContain("token:", text);
        Assert.DoesNotContain(refreshToken!, text);
        Assert.Contains("server:", text);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(user.KubeconfigPath));

        using var refresh = await OidcForms.RefreshAsync(server, refreshToken!);
        Assert.False(refresh.IsSuccessStatusCode, await refresh.Content.ReadAsStringAsync());
        Assert.Contains("invalid_grant", await refresh.Content.ReadAsStringAsync());

        var whoami = await TkeCommand.RunAsync("whoami", "--kubeconfig", user.KubeconfigPath);
        Assert.Equal(1, whoami.Code);
        Assert.Contains("401", whoami.Err);
    }

    [Fact]
    public async Task Logout_twice_is_harmless()
    {
        var user = await LoggedInUser.StartAsync(server, prefix: "logout2");
        Assert.Equal(0, (await TkeCommand.RunAsync("logout", "--kubeconfig", user.KubeconfigPath)).Code);
        var (code, stdout, stderr) = await TkeCommand.RunAsync("logout", "--kubeconfig", user.KubeconfigPath);
        Assert.True(code == 0, stderr);
        Assert.Contains("nothing to do", stdout);
    }

    [Fact]
    public async Task Logout_leaves_a_token_it_did_not_issue_alone()
    {
        var copy = LoggedInUser.NewKubeconfigPath(server);
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(server.Kubeconfig, copy);
        var before = await File.ReadAllBytesAsync(copy);

        var (code, stdout, stderr) = await TkeCommand.RunAsync("logout", "--kubeconfig", copy);
        Assert.True(code == 0, stderr);
        Assert.Contains("nothing to do", stdout);
        Assert.Equal(before, await File.ReadAllBytesAsync(copy));
    }
}

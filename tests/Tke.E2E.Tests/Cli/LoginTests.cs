using System.Text.RegularExpressions;
using Tke.E2E.Tests.Hosting;
using Tke.E2E.Tests.Kubectl;

namespace Tke.E2E.Tests.Cli;

/// <summary>`tke login`: the password grant against the server's OIDC provider and the kubeconfig it writes.</summary>
[Collection(SharedServerCollection.Name)]
public sealed partial class LoginTests(TkeServerFixture server)
{
    [Fact]
    public async Task Login_writes_a_kubeconfig_that_tke_whoami_and_kubectl_accept()
    {
        var username = LoggedInUser.NewUsername("login");
        await LoggedInUser.CreateAsync(server, username, "platform-user");
        var kubeconfig = LoggedInUser.NewKubeconfigPath(server);

        var (code, stdout, stderr) = await LoggedInUser.LoginAsync(server, username, LoggedInUser.GoodPassword, kubeconfig);
        Assert.True(code == 0, stderr + server.ServerOutputTail);
        Assert.Equal($"Logged in as {username} (tenant default)", stdout.Trim());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(kubeconfig));
        var text = await File.ReadAllTextAsync(kubeconfig);
        Assert.Contains("certificate-authority-data:", text);
        Assert.Contains("oidc.tkestack.io", text);

        var whoami = await TkeCommand.RunAsync("whoami", "--kubeconfig", kubeconfig);
        Assert.True(whoami.Code == 0, whoami.Err + server.ServerOutputTail);
        Assert.Contains($"user:   {username}", whoami.Out);
        Assert.Contains("tenant: default", whoami.Out);

        var user = new LoggedInUser(username, LoggedInUser.GoodPassword, kubeconfig, server);
        var clusters = await user.Kubectl.RunAsync("get", "clusters");
        Assert.True(clusters.ExitCode == 0, clusters.ToString());
    }

    [Fact]
    public async Task The_stored_refresh_token_is_accepted_by_the_token_endpoint()
    {
        var user = await LoggedInUser.StartAsync(server);
        var refreshToken = user.StoredRefreshToken();
        Assert.False(string.IsNullOrEmpty(refreshToken), await File.ReadAllTextAsync(user.KubeconfigPath));

        using var response = await OidcForms.RefreshAsync(server, refreshToken!);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task Logging_in_again_ends_the_previous_session()
    {
        var user = await LoggedInUser.StartAsync(server, prefix: "relogin");
        var first = user.StoredRefreshToken();
        var (code, _, stderr) = await LoggedInUser.LoginAsync(server, user.Username, user.Password, user.KubeconfigPath);
        Assert.True(code == 0, stderr);
        Assert.NotEqual(first, user.StoredRefreshToken());

        using var refresh = await OidcForms.RefreshAsync(server, first!);
        Assert.False(refresh.IsSuccessStatusCode, await refresh.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_kubeconfig_login_writes_KUBECONFIG_else_home_kube_config()
    {
        var username = LoggedInUser.NewUsername("defaults");
        await LoggedInUser.CreateAsync(server, username, "platform-user");
        var home = Path.Combine(server.Server.DataDir, "home-" + Guid.NewGuid().ToString("N"));
        string[] login =
        [
            "login", "--server", server.BaseAddress.ToString(), "--username", username, "--password-stdin",
            "--certificate-authority", LoggedInUser.CaFile(server),
        ];

        var fromVariable = Path.Combine(home, "from-variable.yaml");
        var viaVariable = await TkeCommand.RunAsync(login, LoggedInUser.GoodPassword + "\n",
            new Dictionary<string, string> { ["HOME"] = home, ["KUBECONFIG"] = fromVariable + ":/nonexistent/second" });
        Assert.True(viaVariable.Code == 0, viaVariable.Err);
        Assert.True(File.Exists(fromVariable));
        Assert.False(File.Exists(Path.Combine(home, ".kube", "config")));

        var viaHome = await TkeCommand.RunAsync(login, LoggedInUser.GoodPassword + "\n",
            new Dictionary<string, string> { ["HOME"] = home, ["KUBECONFIG"] = "" });
        Assert.True(viaHome.Code == 0, viaHome.Err);
        Assert.True(File.Exists(Path.Combine(home, ".kube", "config")));
    }

    [Fact]
    public async Task A_wrong_password_fails_with_the_servers_message_and_leaves_the_kubeconfig_untouched()
    {
        var username = LoggedInUser.NewUsername("wrongpw");
        await LoggedInUser.CreateAsync(server, username, "platform-user");
        var kubeconfig = LoggedInUser.NewKubeconfigPath(server);
        Directory.CreateDirectory(Path.GetDirectoryName(kubeconfig)!);
        File.Copy(server.Kubeconfig, kubeconfig);
        var before = await File.ReadAllBytesAsync(kubeconfig);

        var (code, stdout, stderr) = await LoggedInUser.LoginAsync(server, username, "WrongPassw0rd", kubeconfig);
        Assert.Equal(1, code);
        Assert.Contains("401", stderr);
        Assert.Contains("invalid", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain("Logged in", stdout);
        Assert.Equal(before, await File.ReadAllBytesAsync(kubeconfig));
    }

    [Fact]
    public async Task An_unknown_user_gets_the_same_answer_as_a_wrong_password()
    {
        var kubeconfig = LoggedInUser.NewKubeconfigPath(server);
        var (code, _, stderr) = await LoggedInUser.LoginAsync(server, LoggedInUser.NewUsername("nobody"), LoggedInUser.GoodPassword, kubeconfig);
        Assert.Equal(1, code);
        Assert.Contains("401", stderr);
        Assert.Contains("invalid", stderr);
        Assert.False(File.Exists(kubeconfig));
    }

    [Fact]
    public async Task Login_keeps_the_other_entries_of_an_existing_kubeconfig()
    {
        var username = LoggedInUser.NewUsername("merge");
        await LoggedInUser.CreateAsync(server, username, "platform-user");
        var kubeconfig = LoggedInUser.NewKubeconfigPath(server);
        Directory.CreateDirectory(Path.GetDirectoryName(kubeconfig)!);
        File.Copy(server.Kubeconfig, kubeconfig);
        var adminContext = CurrentContext().Match(await File.ReadAllTextAsync(kubeconfig)).Groups["name"].Value;

        var (code, _, stderr) = await LoggedInUser.LoginAsync(server, username, LoggedInUser.GoodPassword, kubeconfig);
        Assert.True(code == 0, stderr);

        var kubectl = new LoggedInUser(username, LoggedInUser.GoodPassword, kubeconfig, server).Kubectl;
        var current = await kubectl.RunAsync("config", "current-context");
        Assert.StartsWith(username + "@", current.Stdout.Trim());
        var asAdmin = await kubectl.RunAsync("--context", adminContext, "auth", "whoami", "-o", "jsonpath={.status.userInfo.username}");
        Assert.True(asAdmin.ExitCode == 0, asAdmin.ToString());
        Assert.Equal("admin", asAdmin.Stdout.Trim());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(kubeconfig));
    }

    [Fact]
    public async Task Login_without_the_servers_CA_fails_on_TLS_without_a_stack_trace()
    {
        var kubeconfig = LoggedInUser.NewKubeconfigPath(server);
        var (code, _, stderr) = await TkeCommand.RunWithInputAsync(LoggedInUser.GoodPassword + "\n",
            "login", "--server", server.BaseAddress.ToString(), "--username", "admin", "--password-stdin", "--kubeconfig", kubeconfig);
        Assert.Equal(1, code);
        Assert.Contains("tke login:", stderr);
        Assert.Contains("SSL", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.False(File.Exists(kubeconfig));
    }

    [Fact]
    public async Task Login_to_a_closed_port_reports_the_network_error()
    {
        var kubeconfig = LoggedInUser.NewKubeconfigPath(server);
        var (code, _, stderr) = await TkeCommand.RunWithInputAsync(LoggedInUser.GoodPassword + "\n",
            "login", "--server", "https://127.0.0.1:1", "--username", "admin", "--password-stdin", "--kubeconfig", kubeconfig);
        Assert.Equal(1, code);
        Assert.Contains("tke login:", stderr);
        Assert.Contains("refused", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task Login_refuses_to_run_without_password_stdin()
    {
        var kubeconfig = LoggedInUser.NewKubeconfigPath(server);
        var (code, _, stderr) = await TkeCommand.RunAsync(
            "login", "--server", server.BaseAddress.ToString(), "--username", "admin", "--certificate-authority", LoggedInUser.CaFile(server), "--kubeconfig", kubeconfig);
        Assert.Equal(1, code);
        Assert.Contains("--password-stdin", stderr);
        Assert.False(File.Exists(kubeconfig));
    }

    [GeneratedRegex(@"(?m)^current-context:\s*""?(?<name>[^""\s]+)")]
    private static partial Regex CurrentContext();
}

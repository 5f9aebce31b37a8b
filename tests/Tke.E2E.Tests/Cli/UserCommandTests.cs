using Tke.E2E.Tests.Hosting;

namespace Tke.E2E.Tests.Cli;

/// <summary>`tke user create` and `tke user list` against LocalIdentity objects and the preset policies.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class UserCommandTests(TkeServerFixture server)
{
    [Fact]
    public async Task Create_with_a_role_lists_the_user_in_the_roles_policy()
    {
        var username = LoggedInUser.NewUsername("role");
        var (code, stdout, stderr) = await TkeCommand.RunWithInputAsync(LoggedInUser.GoodPassword + "\n",
            "user", "create", username, "--password-stdin", "--display-name", "Role Tester", "--email", "role@example.com",
            "--role", "platform-user", "--kubeconfig", server.Kubeconfig);
        Assert.True(code == 0, stderr + server.ServerOutputTail);
        Assert.Contains($"user {username} created", stdout);
        Assert.Contains("role platform-user granted", stdout);

        var id = await server.Kubectl("get", "localidentities", "--field-selector", $"spec.username={username}", "-o", "jsonpath={.items[0].metadata.name}");
        Assert.True(id.ExitCode == 0, id.ToString());
        Assert.StartsWith("usr-", id.Stdout.Trim());

        var users = await server.Kubectl("get", "policy", "pol-default-platform", "-o", "jsonpath={range .status.users[*]}{.id}={.name}{\"\\n\"}{end}");
        Assert.True(users.ExitCode == 0, users.ToString());
        Assert.Contains($"{id.Stdout.Trim()}={username}", users.Stdout);
    }

    [Fact]
    public async Task List_shows_created_users_in_a_table()
    {
        var username = LoggedInUser.NewUsername("listed");
        await TkeCommand.RunWithInputAsync(LoggedInUser.GoodPassword + "\n",
            "user", "create", username, "--password-stdin", "--display-name", "Listed", "--kubeconfig", server.Kubeconfig);

        var (code, stdout, stderr) = await TkeCommand.RunAsync("user", "list", "--kubeconfig", server.Kubeconfig);
        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+USERNAME\s+DISPLAY NAME\s+TENANT\s+LOCKED\s+AGE$", lines[0]);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"^usr-\S+\s+{username}\s+Listed\s+default\s+false\s+\d+s$"));
    }

    [Theory]
    [InlineData("short1A")]
    [InlineData("alllowercase123")]
    [InlineData("NoDigitsInThisOne")]
    public async Task A_weak_password_is_refused_with_the_422_message(string password)
    {
        var (code, stdout, stderr) = await TkeCommand.RunWithInputAsync(password + "\n",
            "user", "create", LoggedInUser.NewUsername("weak"), "--password-stdin", "--kubeconfig", server.Kubeconfig);
        Assert.Equal(1, code);
        Assert.Contains("422", stderr);
        Assert.Contains("password must", stderr);
        Assert.DoesNotContain(password, stderr);
        Assert.DoesNotContain("created", stdout);
    }

    [Fact]
    public async Task A_bad_username_is_refused_with_the_422_message()
    {
        var (code, _, stderr) = await TkeCommand.RunWithInputAsync(LoggedInUser.GoodPassword + "\n",
            "user", "create", "Bad_Name", "--password-stdin", "--kubeconfig", server.Kubeconfig);
        Assert.Equal(1, code);
        Assert.Contains("422", stderr);
        Assert.Contains("spec.username", stderr);
    }

    [Fact]
    public async Task An_unknown_role_is_refused_before_anything_is_created()
    {
        var username = LoggedInUser.NewUsername("norole");
        var (code, _, stderr) = await TkeCommand.RunWithInputAsync(LoggedInUser.GoodPassword + "\n",
            "user", "create", username, "--password-stdin", "--role", "superuser", "--kubeconfig", server.Kubeconfig);
        Assert.NotEqual(0, code);
        Assert.Contains("superuser", stderr);
        var found = await server.Kubectl("get", "localidentities", "--field-selector", $"spec.username={username}", "-o", "name");
        Assert.Equal("", found.Stdout.Trim());
    }

    [Fact]
    public async Task A_tenant_role_user_may_not_create_users()
    {
        var user = await LoggedInUser.StartAsync(server, role: "tenant", prefix: "viewer");
        var (code, _, stderr) = await TkeCommand.RunWithInputAsync(LoggedInUser.GoodPassword + "\n",
            "user", "create", LoggedInUser.NewUsername("denied"), "--password-stdin", "--kubeconfig", user.KubeconfigPath);
        Assert.Equal(1, code);
        Assert.Contains("403", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }
}

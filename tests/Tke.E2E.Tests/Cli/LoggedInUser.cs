using System.Text.RegularExpressions;
using Tke.E2E.Tests.Hosting;
using Tke.E2E.Tests.Kubectl;

namespace Tke.E2E.Tests.Cli;

/// <summary>A local user created with `tke user create` by the bootstrap admin and logged in with
/// `tke login` into a kubeconfig of its own, in a directory that does not exist beforehand.</summary>
public sealed partial record LoggedInUser(string Username, string Password, string KubeconfigPath, TkeServerFixture Server)
{
    public const string GoodPassword = "Passw0rdLong";

    public static string NewUsername(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    public static string NewKubeconfigPath(TkeServerFixture server) =>
        Path.Combine(server.Server.DataDir, "cli-" + Guid.NewGuid().ToString("N"), "config");

    public string CaPath => CaFile(Server);

    public KubectlRunner Kubectl => new(KubeconfigPath, Path.Combine(Server.Server.DataDir, "kubectl-cache"), Server.Server.Output);

    public static string CaFile(TkeServerFixture server) => Path.Combine(server.Server.DataDir, "pki", "ca.crt");

    public static async Task CreateAsync(TkeServerFixture server, string username, string role, string password = GoodPassword)
    {
        var (code, stdout, stderr) = await TkeCommand.RunWithInputAsync(password + "\n",
            "user", "create", username, "--password-stdin", "--role", role, "--kubeconfig", server.Kubeconfig);
        Assert.True(code == 0, $"tke user create failed ({code}):\n{stdout}\n{stderr}\n{server.ServerOutputTail}");
    }

    public static Task<(int Code, string Out, string Err)> LoginAsync(TkeServerFixture server, string username, string password, string kubeconfig, params string[] extra) =>
        TkeCommand.RunWithInputAsync(password + "\n",
        [
            "login", "--server", server.BaseAddress.ToString(), "--username", username, "--password-stdin",
            "--certificate-authority", CaFile(server), "--kubeconfig", kubeconfig, .. extra,
        ]);

    /// <summary>Creates a user with <paramref name="role"/> and logs it in.</summary>
    public static async Task<LoggedInUser> StartAsync(TkeServerFixture server, string role = "platform-user", string prefix = "cli")
    {
        var username = NewUsername(prefix);
        await CreateAsync(server, username, role);
        var kubeconfig = NewKubeconfigPath(server);
        var (code, stdout, stderr) = await LoginAsync(server, username, GoodPassword, kubeconfig);
        Assert.True(code == 0, $"tke login failed ({code}):\n{stdout}\n{stderr}\n{server.ServerOutputTail}");
        return new LoggedInUser(username, GoodPassword, kubeconfig, server);
    }

    /// <summary>The refresh token `tke login` kept in the user entry's extensions.</summary>
    public string? StoredRefreshToken() =>
        RefreshTokenLine().Match(File.ReadAllText(KubeconfigPath)) is { Success: true } m ? m.Groups["token"].Value : null;

    [GeneratedRegex("""refresh-token: "?(?<token>[^"\s]+)"?""")]
    private static partial Regex RefreshTokenLine();
}

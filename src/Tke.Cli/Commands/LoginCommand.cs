using System.CommandLine;
using Tke.Cli.Client;

namespace Tke.Cli.Commands;

/// <summary>`tke login`: the OIDC password grant, then a kubeconfig entry holding the tokens.</summary>
public static class LoginCommand
{
    public static Command Create()
    {
        var server = new Option<string>("--server") { Description = "Platform address, e.g. https://tke.example.com:9443.", Required = true };
        var username = new Option<string>("--username") { Description = "User name to log in as.", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (the only way to pass it)." };
        var certificateAuthority = new Option<string?>("--certificate-authority") { Description = "PEM file of the CA that signed the server's certificate; embedded in the kubeconfig." };
        var insecure = new Option<bool>("--insecure-skip-tls-verify") { Description = "Do not verify the server's certificate (unsafe; for tests only)." };
        var tenant = new Option<string?>("--tenant") { Description = "Tenant of the user (default: the platform's default tenant)." };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "kubeconfig to write (default: $KUBECONFIG, then ~/.kube/config)." };
        var command = new Command("login", "Log in with a user name and password and write the credentials into a kubeconfig.")
        {
            server, username, passwordStdin, certificateAuthority, insecure, tenant, kubeconfig,
        };
        command.SetAction((parse, cancellationToken) => CommandErrorBoundary.RunAsync("tke login", async () =>
        {
            if (!parse.GetValue(passwordStdin))
            {
                throw new CommandFailedException("pass --password-stdin and give the password on standard input");
            }

            var serverUri = ServerUri(parse.GetValue(server)!);
            var caPem = parse.GetValue(certificateAuthority) is { } caFile ? ReadCertificateAuthority(caFile) : null;
            var skipVerify = parse.GetValue(insecure);
            var name = parse.GetValue(username)!;
            // Read (and so checked) before the login: a broken file must not cost a server session.
            var document = KubeconfigDocument.LoadOrEmpty(LoginKubeconfigPath.Resolve(parse.GetValue(kubeconfig)));
            var password = PasswordInput.Read("Password: ");

            var connection = new Kubeconfig(serverUri.ToString().TrimEnd('/'), caPem, skipVerify, Token: null, ClientCertPem: null, ClientKeyPem: null);
            using var http = PlatformClient.Create(connection);
            var tokens = await new OidcClient(http).PasswordGrantAsync(name, password, parse.GetValue(tenant), cancellationToken);

            // Saved only after a successful grant, so a failed login leaves the file as it was.
            var clusterName = serverUri.Authority;
            var userName = $"{name}@{clusterName}";
            var replacedSession = document.User(userName) is { } previous ? KubeconfigDocument.RefreshToken(previous) : null;
            document.SetCluster(clusterName, connection.Server, caPem, skipVerify);
            document.SetUser(userName, tokens.AccessToken, tokens.RefreshToken is { Length: > 0 } refresh
                ? new OidcSession($"{connection.Server}/oidc", OidcClient.ClientId, refresh)
                : null);
            document.SetContext(userName, clusterName, userName);
            document.UseContext(userName);
            document.Save();
            if (replacedSession is not null && replacedSession != tokens.RefreshToken)
            {
                await RevokeQuietlyAsync(new OidcClient(http), replacedSession, cancellationToken);
            }

            var tenantId = tokens.TenantId() ?? parse.GetValue(tenant) ?? "default";
            Console.WriteLine($"Logged in as {name} (tenant {tenantId})");
            return 0;
        }));
        return command;
    }

    /// <summary>The session this login replaces would otherwise stay valid until it expires;
    /// failing to end it does not make the new login fail.</summary>
    private static async Task RevokeQuietlyAsync(OidcClient oidc, string refreshToken, CancellationToken cancellationToken)
    {
        try
        {
            await oidc.RevokeAsync(refreshToken, cancellationToken);
        }
        catch (Exception e) when (e is CommandFailedException or HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"tke login: could not revoke the previous session: {e.Message}");
        }
    }

    private static Uri ServerUri(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && string.IsNullOrEmpty(uri.Query)
            ? uri
            : throw new CommandFailedException($"--server {text}: must be an https:// URL");

    private static string ReadCertificateAuthority(string file)
    {
        var pem = File.ReadAllText(file);
        // Fails early, with the file named, rather than as a TLS error later.
        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(pem);
        return pem;
    }
}

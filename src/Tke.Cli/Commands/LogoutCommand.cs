using System.CommandLine;
using Tke.Cli.Client;

namespace Tke.Cli.Commands;

/// <summary>`tke logout`: revokes the login session and removes its tokens from the kubeconfig.</summary>
public static class LogoutCommand
{
    public static Command Create()
    {
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "kubeconfig to edit (default: $KUBECONFIG, then ~/.kube/config)." };
        var command = new Command("logout", "End the login of the current context: revoke its refresh token and remove its tokens.") { kubeconfig };
        command.SetAction((parse, cancellationToken) => CommandErrorBoundary.RunAsync("tke logout", async () =>
        {
            var path = LoginKubeconfigPath.Resolve(parse.GetValue(kubeconfig));
            var connection = Kubeconfig.Load(path);
            var document = KubeconfigDocument.LoadOrEmpty(path);
            var user = document.CurrentUser();
            // Only a session `tke login` wrote is ended: other tokens (the bootstrap admin's
            // break-glass token, say) were not issued by a login and must stay.
            if (user is null || KubeconfigDocument.RefreshToken(user) is not { } refreshToken)
            {
                Console.WriteLine($"Not logged in with tke login in context {document.CurrentContext ?? "(none)"}; nothing to do");
                return 0;
            }

            // Revoke first: if the server cannot be reached, the file keeps the token for a retry.
            using (var http = PlatformClient.Create(connection with { Token = null, ClientCertPem = null, ClientKeyPem = null }))
            {
                await new OidcClient(http).RevokeAsync(refreshToken, cancellationToken);
            }

            KubeconfigDocument.ForgetCredentials(user);
            document.Save();
            Console.WriteLine($"Logged out {document.CurrentUserName()}");
            return 0;
        }));
        return command;
    }
}

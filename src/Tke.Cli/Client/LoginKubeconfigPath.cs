namespace Tke.Cli.Client;

/// <summary>Where `tke login` and `tke logout` keep credentials, as kubectl looks for them:
/// --kubeconfig, else the first file in $KUBECONFIG, else ~/.kube/config.</summary>
public static class LoginKubeconfigPath
{
    public static string Resolve(string? option) =>
        option
        ?? Environment.GetEnvironmentVariable("KUBECONFIG")?.Split(':', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
}

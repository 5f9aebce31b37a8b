using System.Text;

namespace Tke.E2E.Tests.Auth;

/// <summary>A kubeconfig carrying a bearer token and the server's CA, as a user would write after logging in.</summary>
public static class TokenKubeconfig
{
    public static string Write(string directory, Uri server, string caPemPath, string token)
    {
        var path = Path.Combine(directory, "user-" + Guid.NewGuid().ToString("N")[..8] + ".kubeconfig");
        var ca = Convert.ToBase64String(File.ReadAllBytes(caPemPath));
        var text = new StringBuilder()
            .Append("apiVersion: v1\nkind: Config\n")
            .Append("clusters:\n- name: tke\n  cluster:\n    server: ").Append(server.ToString().TrimEnd('/')).Append('\n')
            .Append("    certificate-authority-data: ").Append(ca).Append('\n')
            .Append("users:\n- name: user\n  user:\n    token: ").Append(token).Append('\n')
            .Append("contexts:\n- name: user@tke\n  context:\n    cluster: tke\n    user: user\n")
            .Append("current-context: user@tke\n")
            .ToString();
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }
}

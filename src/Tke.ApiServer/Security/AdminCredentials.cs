using System.Security.Cryptography;
using System.Text;

namespace Tke.ApiServer.Security;

/// <summary>
/// The bootstrap admin bearer token (break-glass access) and the kubeconfig that carries it.
/// The token is generated once and kept in the data directory with mode 0600.
/// </summary>
public sealed class AdminCredentials
{
    private AdminCredentials(string token) => Token = token;

    public string Token { get; }

    public static AdminCredentials LoadOrCreate(string pkiDir)
    {
        var path = Path.Combine(pkiDir, "admin.token");
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length >= 32)
            {
                return new AdminCredentials(existing);
            }
        }

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        CertificateAuthority.WriteSecret(path, token + "\n");
        return new AdminCredentials(token);
    }

    /// <summary>Writes a kubeconfig for the admin (mode 0600) pointing at <paramref name="serverUrl"/>.</summary>
    public void WriteKubeconfig(string path, string serverUrl, byte[] caPem)
    {
        var ca = Convert.ToBase64String(caPem);
        var yaml = new StringBuilder()
            .Append("apiVersion: v1\n")
            .Append("kind: Config\n")
            .Append("clusters:\n")
            .Append("- name: tke\n")
            .Append("  cluster:\n")
            .Append("    server: ").Append(serverUrl).Append('\n')
            .Append("    certificate-authority-data: ").Append(ca).Append('\n')
            .Append("users:\n")
            .Append("- name: admin\n")
            .Append("  user:\n")
            .Append("    token: ").Append(Token).Append('\n')
            .Append("contexts:\n")
            .Append("- name: admin@tke\n")
            .Append("  context:\n")
            .Append("    cluster: tke\n")
            .Append("    user: admin\n")
            .Append("current-context: admin@tke\n")
            .ToString();
        CertificateAuthority.WriteSecret(path, yaml);
    }
}

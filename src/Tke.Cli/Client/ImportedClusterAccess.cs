using System.Text;
using Tke.Kubernetes.Connections;
using ClusterKubeconfigException = Tke.Kubernetes.Kubeconfig.KubeconfigException;
using ClusterKubeconfigParser = Tke.Kubernetes.Kubeconfig.KubeconfigParser;
using ClusterKubeconfigUser = Tke.Kubernetes.Kubeconfig.KubeconfigUser;

namespace Tke.Cli.Client;

/// <summary>
/// What the platform needs to reach a cluster (address, CA and a token or client certificate),
/// taken from one context of the cluster's own kubeconfig. Only what a ClusterCredential can
/// hold is accepted: no exec plugins, basic auth, proxies or skipped TLS verification.
/// </summary>
public sealed record ImportedClusterAccess(Uri Server, string? CaPem, string? Token, string? ClientCertPem, string? ClientKeyPem)
{
    /// <summary>Host as the Cluster's status.addresses holds it: no brackets around IPv6.</summary>
    public string Host => Server.Host.Trim('[', ']');

    public int Port => Server.Port;

    /// <summary>Path prefix of an API server behind a proxy, or null.</summary>
    public string? PathPrefix => Server.AbsolutePath.TrimEnd('/') is { Length: > 0 } path ? path : null;

    public static ImportedClusterAccess FromKubeconfig(string path, string? contextName)
    {
        try
        {
            var config = ClusterKubeconfigParser.Load(path);
            var context = config.SelectContext(contextName);
            // ToConnection checks what a usable context needs and refuses exec plugins and auth-providers.
            var connection = config.ToConnection(context.Name);
            var user = config.Users[context.User];
            return From(connection, user, context.Name);
        }
        catch (ClusterKubeconfigException e)
        {
            throw new CommandFailedException($"--cluster-kubeconfig {path}: {e.Message}");
        }
    }

    private static ImportedClusterAccess From(ClusterConnection connection, ClusterKubeconfigUser user, string context)
    {
        var what = $"context \"{context}\"";
        if (connection.Server.Scheme != Uri.UriSchemeHttps)
        {
            throw new ClusterKubeconfigException($"{what}: server {connection.Server} is not https; the platform reaches clusters over https only");
        }

        if (connection.InsecureSkipTlsVerify)
        {
            throw new ClusterKubeconfigException($"{what}: insecure-skip-tls-verify is set; the platform needs the cluster's CA certificate to verify it");
        }

        if (connection.ProxyUrl is not null)
        {
            throw new ClusterKubeconfigException($"{what}: proxy-url is set; the platform connects to clusters directly");
        }

        var token = connection.BearerToken ?? (connection.BearerTokenFile is { } file ? ReadText(file).Trim() : null);
        var certPem = DataOrFile(user.ClientCertificateData, user.ClientCertificateFile);
        var keyPem = DataOrFile(user.ClientKeyData, user.ClientKeyFile);
        if (string.IsNullOrEmpty(token) && certPem is null)
        {
            throw new ClusterKubeconfigException($"{what}: user \"{user.Name}\" has neither token nor client certificate; the platform does not keep passwords");
        }

        var caPem = connection.CertificateAuthorities.Count == 0
            ? null
            : string.Concat(connection.CertificateAuthorities.Select(c => c.ExportCertificatePem() + "\n"));
        return new ImportedClusterAccess(connection.Server, caPem, string.IsNullOrEmpty(token) ? null : token, certPem, keyPem);
    }

    private static string? DataOrFile(byte[]? data, string? file) =>
        data is not null ? Encoding.UTF8.GetString(data) : file is not null ? ReadText(file) : null;

    private static string ReadText(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ClusterKubeconfigException($"cannot read {file}: {e.Message}", e);
        }
    }
}

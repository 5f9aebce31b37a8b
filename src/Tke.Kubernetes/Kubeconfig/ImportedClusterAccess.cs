using System.Text;
using Tke.Kubernetes.Connections;

namespace Tke.Kubernetes.Kubeconfig;

/// <summary>
/// What the platform needs to reach a cluster (address, CA and a token or client certificate),
/// taken from one context of the cluster's own kubeconfig. Only what a ClusterCredential can
/// hold is accepted: no exec plugins, basic auth, proxies or skipped TLS verification. Problems
/// are <see cref="KubeconfigException"/>s that name the context.
/// </summary>
public sealed record ImportedClusterAccess(Uri Server, string? CaPem, string? Token, string? ClientCertPem, string? ClientKeyPem)
{
    /// <summary>Host as the Cluster's status.addresses holds it: no brackets around IPv6.</summary>
    public string Host => Server.Host.Trim('[', ']');

    public int Port => Server.Port;

    /// <summary>Path prefix of an API server behind a proxy, or null.</summary>
    public string? PathPrefix => Server.AbsolutePath.TrimEnd('/') is { Length: > 0 } path ? path : null;

    /// <summary>From a kubeconfig on this machine; its *-file references are read.</summary>
    public static ImportedClusterAccess FromFile(string path, string? contextName) => From(KubeconfigParser.Load(path), contextName);

    /// <summary>
    /// From a kubeconfig uploaded to the platform. File references are refused: they would name
    /// files on the platform's machine, not the uploader's.
    /// </summary>
    public static ImportedClusterAccess FromUpload(string yaml, string? contextName)
    {
        var config = KubeconfigParser.Parse(yaml);
        var context = config.SelectContext(contextName);
        var cluster = config.Clusters.GetValueOrDefault(context.Cluster);
        var user = config.Users.GetValueOrDefault(context.User);
        if (cluster?.CertificateAuthorityFile is not null || user?.TokenFile is not null || user?.ClientCertificateFile is not null || user?.ClientKeyFile is not null)
        {
            throw new KubeconfigException($"context \"{context.Name}\" refers to files (certificate-authority, tokenFile, client-certificate or client-key); an uploaded kubeconfig must carry the data inline (*-data fields, token)");
        }

        return From(config, contextName);
    }

    private static ImportedClusterAccess From(Kubeconfig config, string? contextName)
    {
        var context = config.SelectContext(contextName);
        // ToConnection checks what a usable context needs and refuses exec plugins and auth-providers.
        var connection = config.ToConnection(context.Name);
        var user = config.Users[context.User];
        return From(connection, user, context.Name);
    }

    private static ImportedClusterAccess From(ClusterConnection connection, KubeconfigUser user, string context)
    {
        var what = $"context \"{context}\"";
        if (connection.Server.Scheme != Uri.UriSchemeHttps)
        {
            throw new KubeconfigException($"{what}: server {connection.Server} is not https; the platform reaches clusters over https only");
        }

        if (connection.InsecureSkipTlsVerify)
        {
            throw new KubeconfigException($"{what}: insecure-skip-tls-verify is set; the platform needs the cluster's CA certificate to verify it");
        }

        if (connection.ProxyUrl is not null)
        {
            throw new KubeconfigException($"{what}: proxy-url is set; the platform connects to clusters directly");
        }

        var token = connection.BearerToken ?? (connection.BearerTokenFile is { } file ? ReadText(file).Trim() : null);
        var certPem = DataOrFile(user.ClientCertificateData, user.ClientCertificateFile);
        var keyPem = DataOrFile(user.ClientKeyData, user.ClientKeyFile);
        if (string.IsNullOrEmpty(token) && certPem is null)
        {
            throw new KubeconfigException($"{what}: user \"{user.Name}\" has neither token nor client certificate; the platform does not keep passwords");
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
            throw new KubeconfigException($"cannot read {file}: {e.Message}", e);
        }
    }
}

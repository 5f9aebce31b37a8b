using System.Security.Cryptography.X509Certificates;
using System.Text;
using Tke.Kubernetes.Connections;

namespace Tke.Kubernetes.Kubeconfig;

/// <summary>A parsed kubeconfig: its clusters, users and contexts by name, and the current context.</summary>
public sealed record Kubeconfig(
    IReadOnlyDictionary<string, KubeconfigCluster> Clusters,
    IReadOnlyDictionary<string, KubeconfigUser> Users,
    IReadOnlyDictionary<string, KubeconfigContext> Contexts,
    string? CurrentContext)
{
    /// <summary>
    /// The context to use: <paramref name="contextName"/> if given, else current-context, else the only
    /// context there is. An upload with several contexts and no current one must say which.
    /// </summary>
    public KubeconfigContext SelectContext(string? contextName = null)
    {
        if (!string.IsNullOrEmpty(contextName))
        {
            return Contexts.TryGetValue(contextName, out var named) ? named : throw new KubeconfigException($"context \"{contextName}\" not found");
        }

        if (CurrentContext is not null)
        {
            return Contexts.TryGetValue(CurrentContext, out var current) ? current : throw new KubeconfigException($"current-context \"{CurrentContext}\" not found");
        }

        return Contexts.Count switch
        {
            1 => Contexts.Values.Single(),
            0 => throw new KubeconfigException("kubeconfig has no usable context: it defines no contexts"),
            _ => throw new KubeconfigException($"kubeconfig has no usable context: no current-context is set; choose one of {string.Join(", ", Contexts.Keys.Order(StringComparer.Ordinal).Select(k => $"\"{k}\""))}"),
        };
    }

    /// <summary>Builds the connection of a context, reading any certificate, key and token files it names.</summary>
    public ClusterConnection ToConnection(string? contextName = null)
    {
        var context = SelectContext(contextName);
        if (context.Cluster.Length == 0)
        {
            throw new KubeconfigException($"context \"{context.Name}\" names no cluster");
        }

        if (!Clusters.TryGetValue(context.Cluster, out var cluster))
        {
            throw new KubeconfigException($"context \"{context.Name}\" refers to cluster \"{context.Cluster}\", which is not defined");
        }

        if (context.User.Length == 0)
        {
            throw new KubeconfigException($"context \"{context.Name}\" names no user");
        }

        if (!Users.TryGetValue(context.User, out var user))
        {
            throw new KubeconfigException($"context \"{context.Name}\" refers to user \"{context.User}\", which is not defined");
        }

        var connection = new ClusterConnection
        {
            Server = ServerUri(cluster),
            CertificateAuthorities = Authorities(cluster),
            InsecureSkipTlsVerify = cluster.InsecureSkipTlsVerify,
            TlsServerName = string.IsNullOrEmpty(cluster.TlsServerName) ? null : cluster.TlsServerName,
            ProxyUrl = ProxyUri(cluster),
            DefaultNamespace = string.IsNullOrEmpty(context.Namespace) ? null : context.Namespace,
            ClientCertificate = ClientCertificate(user),
            BearerToken = string.IsNullOrEmpty(user.Token) ? null : user.Token,
            BearerTokenFile = BearerTokenFile(user),
            Basic = Basic(user),
        };
        if (!connection.HasCredentials)
        {
            throw new KubeconfigException(user.UnsupportedMechanism is { } mechanism
                ? $"user \"{user.Name}\" relies on {mechanism}, which is not supported; use a token or a client certificate"
                : $"user \"{user.Name}\" has neither token nor client certificate (nor username and password)");
        }

        return connection;
    }

    private static Uri ServerUri(KubeconfigCluster cluster)
    {
        if (string.IsNullOrEmpty(cluster.Server))
        {
            throw new KubeconfigException($"cluster \"{cluster.Name}\" has no server");
        }

        if (!Uri.TryCreate(cluster.Server, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Host.Length == 0)
        {
            throw new KubeconfigException($"cluster \"{cluster.Name}\" server \"{cluster.Server}\" is not an http(s) URL");
        }

        return uri;
    }

    private static Uri? ProxyUri(KubeconfigCluster cluster) =>
        string.IsNullOrEmpty(cluster.ProxyUrl) ? null
        : Uri.TryCreate(cluster.ProxyUrl, UriKind.Absolute, out var uri) ? uri
        : throw new KubeconfigException($"cluster \"{cluster.Name}\" proxy-url \"{cluster.ProxyUrl}\" is not a URL");

    private static IReadOnlyList<X509Certificate2> Authorities(KubeconfigCluster cluster)
    {
        string? pem = cluster.CertificateAuthorityData is { } data ? Encoding.UTF8.GetString(data)
            : cluster.CertificateAuthorityFile is { } file ? ReadFile(file, $"cluster \"{cluster.Name}\" certificate-authority")
            : null;
        if (pem is null)
        {
            return [];
        }

        if (cluster.InsecureSkipTlsVerify)
        {
            // kubectl refuses this combination: it would silently not verify what the CA suggests is verified.
            throw new KubeconfigException($"cluster \"{cluster.Name}\" sets both a certificate authority and insecure-skip-tls-verify");
        }

        try
        {
            return PemCertificates.ParseBundle(pem);
        }
        catch (FormatException e)
        {
            throw new KubeconfigException($"cluster \"{cluster.Name}\" certificate authority: {e.Message}", e);
        }
    }

    private static X509Certificate2? ClientCertificate(KubeconfigUser user)
    {
        var what = $"user \"{user.Name}\"";
        string? cert = user.ClientCertificateData is { } cd ? Encoding.UTF8.GetString(cd)
            : user.ClientCertificateFile is { } cf ? ReadFile(cf, $"{what} client-certificate")
            : null;
        string? key = user.ClientKeyData is { } kd ? Encoding.UTF8.GetString(kd)
            : user.ClientKeyFile is { } kf ? ReadFile(kf, $"{what} client-key")
            : null;
        if (cert is null && key is null)
        {
            return null;
        }

        if (cert is null || key is null)
        {
            throw new KubeconfigException($"{what} has a client {(cert is null ? "key" : "certificate")} but no client {(cert is null ? "certificate" : "key")}");
        }

        try
        {
            return PemCertificates.ParseCertificateWithKey(cert, key);
        }
        catch (FormatException e)
        {
            throw new KubeconfigException($"{what}: {e.Message}", e);
        }
    }

    private static string? BearerTokenFile(KubeconfigUser user)
    {
        // A token given inline wins over the file, as in kubectl.
        if (!string.IsNullOrEmpty(user.Token) || user.TokenFile is null)
        {
            return null;
        }

        ReadFile(user.TokenFile, $"user \"{user.Name}\" tokenFile");
        return user.TokenFile;
    }

    private static BasicCredentials? Basic(KubeconfigUser user) =>
        string.IsNullOrEmpty(user.Username) ? null : new BasicCredentials(user.Username, user.Password ?? "");

    private static string ReadFile(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeconfigException($"{what}: cannot read {path}: {e.Message}", e);
        }
    }
}

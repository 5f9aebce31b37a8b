using System.Security.Cryptography.X509Certificates;

namespace Tke.Kubernetes.Connections;

/// <summary>
/// Everything needed to reach and authenticate to one cluster's API server: where it is,
/// which CAs to trust and which credentials to present. Built from a kubeconfig
/// (<see cref="Kubeconfig.Kubeconfig.ToConnection"/>) or from the import form
/// (<see cref="ImportFormConnection.Create"/>).
/// </summary>
public sealed record ClusterConnection
{
    /// <summary>The API server's base address (https://host:port, possibly with a path prefix).</summary>
    public required Uri Server { get; init; }

    /// <summary>Roots trusted for the server's certificate. Empty: the operating system's roots.</summary>
    public IReadOnlyList<X509Certificate2> CertificateAuthorities { get; init; } = [];

    /// <summary>Accepts any server certificate. Only ever set because a kubeconfig asked for it.</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>The name to verify the server certificate against instead of the host in <see cref="Server"/>.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>A client certificate with its private key.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    public string? BearerToken { get; init; }

    /// <summary>A file holding the bearer token; read again as it changes (projected service-account tokens rotate).</summary>
    public string? BearerTokenFile { get; init; }

    public BasicCredentials? Basic { get; init; }

    /// <summary>An explicit HTTP proxy for this cluster; without it no proxy is used.</summary>
    public Uri? ProxyUrl { get; init; }

    /// <summary>The namespace a kubeconfig context names, if any.</summary>
    public string? DefaultNamespace { get; init; }

    public bool HasCredentials => BearerToken is not null || BearerTokenFile is not null || ClientCertificate is not null || Basic is not null;

    public override string ToString() => Server.ToString();
}

/// <summary>HTTP basic authentication, as old kubeconfigs carry it.</summary>
public sealed record BasicCredentials(string Username, string Password)
{
    // Never print the password.
    public override string ToString() => $"BasicCredentials {{ Username = {Username} }}";
}

namespace Tke.Kubernetes.Kubeconfig;

/// <summary>One entry of a kubeconfig's clusters list. File paths are already absolute.</summary>
public sealed record KubeconfigCluster(string Name)
{
    public string? Server { get; init; }

    public string? CertificateAuthorityFile { get; init; }

    /// <summary>Decoded certificate-authority-data (PEM bytes).</summary>
    public byte[]? CertificateAuthorityData { get; init; }

    public bool InsecureSkipTlsVerify { get; init; }

    public string? TlsServerName { get; init; }

    public string? ProxyUrl { get; init; }
}

/// <summary>One entry of a kubeconfig's users list (its credentials). File paths are already absolute.</summary>
public sealed record KubeconfigUser(string Name)
{
    public string? Token { get; init; }

    public string? TokenFile { get; init; }

    public string? ClientCertificateFile { get; init; }

    public byte[]? ClientCertificateData { get; init; }

    public string? ClientKeyFile { get; init; }

    public byte[]? ClientKeyData { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>The user relies on an exec plugin or auth-provider, which this client does not run.</summary>
    public string? UnsupportedMechanism { get; init; }

    public override string ToString() => $"KubeconfigUser {{ Name = {Name} }}";
}

/// <summary>One entry of a kubeconfig's contexts list.</summary>
public sealed record KubeconfigContext(string Name, string Cluster, string User, string? Namespace);

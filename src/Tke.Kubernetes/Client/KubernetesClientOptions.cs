namespace Tke.Kubernetes.Client;

/// <summary>Timeouts and protocol choices of a <see cref="KubernetesClient"/>.</summary>
public sealed record KubernetesClientOptions
{
    /// <summary>TCP connect plus TLS handshake.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A whole non-watch request, body included. Exceeding it throws <see cref="TimeoutException"/>.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long discovery results are reused before the server is asked again.</summary>
    public TimeSpan DiscoveryCacheTtl { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Offer HTTP/2 (negotiated by ALPN; HTTP/1.1 when the server declines).</summary>
    public bool UseHttp2 { get; init; } = true;

    /// <summary>Page size <see cref="KubernetesClient.ListAllAsync"/> uses when the caller gives none.</summary>
    public int DefaultPageSize { get; init; } = 500;

    public string UserAgent { get; init; } = "tke/0.1";
}

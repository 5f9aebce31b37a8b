using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Tke.Kubernetes.Connections;

namespace Tke.Platform.Clusters.Proxy;

/// <summary>
/// The HTTP connection pool to one cluster for proxied requests: trust limited to the cluster's
/// CAs, its client certificate, no environment proxy, and bodies passed through as they are
/// (no decompression, no redirects) because they belong to the caller.
/// </summary>
public sealed class ClusterProxyTransport : IDisposable
{
    private ClusterProxyTransport(ClusterConnection connection, HttpMessageInvoker invoker)
    {
        Connection = connection;
        Invoker = invoker;
    }

    public ClusterConnection Connection { get; }

    public HttpMessageInvoker Invoker { get; }

    /// <summary>The server's base address without a trailing slash (it may carry a path prefix).</summary>
    public string ServerRoot => Connection.Server.GetLeftPart(UriPartial.Authority) + Connection.Server.AbsolutePath.TrimEnd('/');

    public static ClusterProxyTransport Create(ClusterConnection connection)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            // Many watches of many callers share the pool; past the stream limit another connection opens.
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(15),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = connection.ProxyUrl is not null,
            Proxy = connection.ProxyUrl is { } proxy ? new WebProxy(proxy) : null,
            SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = connection.TlsServerName,
                RemoteCertificateValidationCallback = CertificateValidator(connection.CertificateAuthorities),
            },
        };
        if (connection.ClientCertificate is { } certificate)
        {
            handler.SslOptions.ClientCertificates = new X509CertificateCollection { certificate };
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
        }

        return new ClusterProxyTransport(connection, new HttpMessageInvoker(handler, disposeHandler: true));
    }

    public void Dispose() => Invoker.Dispose();

    private static RemoteCertificateValidationCallback CertificateValidator(IReadOnlyList<X509Certificate2> roots)
    {
        if (roots.Count == 0)
        {
            return (_, _, _, errors) => errors == SslPolicyErrors.None;
        }

        return (_, certificate, presented, errors) =>
        {
            // The host name check stays; only the chain is judged against the cluster's own roots.
            if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots.ToArray());
            // Cluster CAs are private and publish no revocation lists.
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (presented is not null)
            {
                foreach (var element in presented.ChainElements)
                {
                    chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }

            return certificate is X509Certificate2 leaf
                ? chain.Build(leaf)
                : chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
        };
    }
}

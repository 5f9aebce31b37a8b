using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Tke.Kubernetes.Connections;

namespace Tke.Kubernetes.Client;

/// <summary>
/// Builds the <see cref="SocketsHttpHandler"/> for one cluster: trust limited to the cluster's
/// CAs (not the system roots, when CAs are given), the client certificate, explicit proxy only.
/// </summary>
public static class ClusterHttpHandler
{
    public static SocketsHttpHandler Create(ClusterConnection connection, KubernetesClientOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            // Watches on one cluster share few connections; more than the server's stream limit opens another.
            EnableMultipleHttp2Connections = true,
            // Detects a dead peer under a quiet watch; HTTP/1.1 watches rely on their timeout instead.
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(15),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            AutomaticDecompression = DecompressionMethods.GZip,
            AllowAutoRedirect = false,
            // A cluster is reached directly unless its kubeconfig names a proxy: the platform's own
            // environment proxy variables are not meant for the clusters it manages.
            UseProxy = connection.ProxyUrl is not null,
            Proxy = connection.ProxyUrl is { } proxy ? new WebProxy(proxy) : null,
            SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = connection.TlsServerName,
                RemoteCertificateValidationCallback = CertificateValidator(connection),
            },
        };
        if (connection.ClientCertificate is { } certificate)
        {
            handler.SslOptions.ClientCertificates = new X509CertificateCollection { certificate };
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
        }

        return handler;
    }

    private static RemoteCertificateValidationCallback CertificateValidator(ClusterConnection connection)
    {
        if (connection.InsecureSkipTlsVerify)
        {
            return (_, _, _, _) => true;
        }

        if (connection.CertificateAuthorities.Count == 0)
        {
            return (_, _, _, errors) => errors == SslPolicyErrors.None;
        }

        var roots = connection.CertificateAuthorities;
        return (_, certificate, presented, errors) =>
        {
            // The host name check stays the platform's; only the chain is judged against the cluster's own roots.
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
                // Intermediates the server sent along.
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

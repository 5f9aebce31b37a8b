using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;

namespace Tke.Cli.Client;

/// <summary>An HTTPS client for the platform API that trusts exactly the kubeconfig's CA
/// and presents its credentials.</summary>
public static class PlatformClient
{
    public static HttpClient Create(Kubeconfig config)
    {
        var handler = new SocketsHttpHandler();
        if (config.CaPem is { } caPem)
        {
            var ca = X509Certificate2.CreateFromPem(caPem);
            handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { ca },
                RevocationMode = X509RevocationMode.NoCheck,
            };
        }

        if (config.InsecureSkipVerify)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }

        if (config.ClientCertPem is { } cert && config.ClientKeyPem is { } key)
        {
            handler.SslOptions.ClientCertificates = [X509Certificate2.CreateFromPem(cert, key)];
        }

        var client = new HttpClient(handler) { BaseAddress = new Uri(config.Server.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };
        if (config.Token is { } token)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}

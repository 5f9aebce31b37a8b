using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Tke.Auth.Oidc.Upstream;

/// <summary>The HTTP handler the platform talks to an upstream provider with: the system trust
/// store, or exactly the configured CA when the upstream runs on a private one.</summary>
public static class UpstreamHttpHandler
{
    /// <exception cref="UpstreamOidcConfigException">rootCA or rootCAData holds no usable certificate.</exception>
    public static HttpMessageHandler Create(UpstreamOidcConfig config)
    {
        var handler = new SocketsHttpHandler
        {
            // Redirects would carry the client's credentials to wherever the upstream points.
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };

        string? pem;
        try
        {
            pem = config.ReadRootCaPem();
        }
        catch (IOException)
        {
            throw new UpstreamOidcConfigException(["rootCA: the file cannot be read"]);
        }
        catch (UnauthorizedAccessException)
        {
            throw new UpstreamOidcConfigException(["rootCA: the file cannot be read"]);
        }

        if (pem is null)
        {
            return handler;
        }

        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPem(pem);
        }
        catch (CryptographicException)
        {
            throw new UpstreamOidcConfigException([(string.IsNullOrEmpty(config.RootCaData) ? "rootCA" : "rootCAData") + ": not valid PEM certificates"]);
        }

        if (roots.Count == 0)
        {
            throw new UpstreamOidcConfigException([(string.IsNullOrEmpty(config.RootCaData) ? "rootCA" : "rootCAData") + ": holds no certificate"]);
        }

        handler.SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) => ChainsToRoots(certificate, errors, roots),
        };
        return handler;
    }

    private static bool ChainsToRoots(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        // A private CA is not in the system store, so only chain errors are ours to settle; a
        // missing certificate or a host name mismatch fails as usual.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}

using System.Security.Cryptography.X509Certificates;

namespace Tke.Benchmarks;

/// <summary>Where the API server is and how to trust and authenticate to it.</summary>
public sealed record ApiTarget(Uri BaseAddress, string Token, X509Certificate2Collection CertificateAuthorities)
{
    public static ApiTarget FromFiles(Uri baseAddress, string token, string caPemFile)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(caPemFile);
        if (authorities.Count == 0)
        {
            throw new InvalidOperationException($"{caPemFile} holds no PEM certificate");
        }

        return new ApiTarget(baseAddress, token.Trim(), authorities);
    }
}

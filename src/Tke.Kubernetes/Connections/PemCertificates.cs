using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Tke.Kubernetes.Connections;

/// <summary>Reads PEM certificate bundles and certificate/key pairs, as kubeconfigs and the import form carry them.</summary>
public static class PemCertificates
{
    /// <summary>All certificates of a PEM bundle; throws <see cref="FormatException"/> if there is none.</summary>
    public static IReadOnlyList<X509Certificate2> ParseBundle(string pem)
    {
        if (!pem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            throw new FormatException("no PEM certificate (-----BEGIN CERTIFICATE-----) found");
        }

        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new FormatException($"the PEM certificate cannot be read: {e.Message}", e);
        }

        return collection.Count == 0 ? throw new FormatException("no PEM certificate found") : [.. collection];
    }

    /// <summary>A certificate with its private key (RSA, EC or PKCS#8 PEM).</summary>
    public static X509Certificate2 ParseCertificateWithKey(string certificatePem, string keyPem)
    {
        try
        {
            return X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        catch (CryptographicException e)
        {
            throw new FormatException($"the client certificate and key cannot be read together: {e.Message}", e);
        }
    }

    /// <summary>PEM text given either as is or base64-encoded (as API fields carry it).</summary>
    public static string DecodePemText(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            return trimmed;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(trimmed));
        }
        catch (FormatException)
        {
            throw new FormatException("neither PEM text nor base64-encoded PEM");
        }
    }
}

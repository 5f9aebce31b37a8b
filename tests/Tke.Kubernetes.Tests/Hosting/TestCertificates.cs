using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Tke.Kubernetes.Tests.Hosting;

/// <summary>Throwaway certificates for kubeconfig and TLS tests.</summary>
public static class TestCertificates
{
    public static (string CertificatePem, string KeyPem) SelfSignedCa(string name = "test-ca")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return (cert.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>A client certificate with an RSA key in PKCS#1 PEM, as kubeadm writes them.</summary>
    public static (string CertificatePem, string KeyPem) ClientCertificate(string user = "alice")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={user}, O=system:masters", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return (cert.ExportCertificatePem(), key.ExportRSAPrivateKeyPem());
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Tke.ApiServer.Security;

/// <summary>
/// The server's own CA and serving certificate, generated into the data directory on first
/// start (ECDSA P-256: fast TLS handshakes) and reused afterwards. Private keys are written
/// with mode 0600.
/// </summary>
public sealed class CertificateAuthority
{
    private CertificateAuthority(string caCertPath, X509Certificate2 serving)
    {
        CaCertificatePath = caCertPath;
        ServingCertificate = serving;
    }

    public string CaCertificatePath { get; }

    public X509Certificate2 ServingCertificate { get; }

    public byte[] CaPem => File.ReadAllBytes(CaCertificatePath);

    /// <summary>Loads the PKI from <paramref name="pkiDir"/>, creating what is missing. The serving
    /// certificate is re-issued when it does not cover <paramref name="hostNames"/>.</summary>
    public static CertificateAuthority LoadOrCreate(string pkiDir, IReadOnlyCollection<string> hostNames, TimeProvider clock)
    {
        Directory.CreateDirectory(pkiDir);
        var caCert = Path.Combine(pkiDir, "ca.crt");
        var caKey = Path.Combine(pkiDir, "ca.key");
        var serverCert = Path.Combine(pkiDir, "server.crt");
        var serverKey = Path.Combine(pkiDir, "server.key");
        var now = clock.GetUtcNow();

        if (!File.Exists(caCert) || !File.Exists(caKey))
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=tke-ca, O=TKEStack", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            using var ca = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
            WriteSecret(caKey, key.ExportPkcs8PrivateKeyPem());
            File.WriteAllText(caCert, ca.ExportCertificatePem());
            File.Delete(serverCert);
        }

        if (!File.Exists(serverCert) || !File.Exists(serverKey) || !Covers(serverCert, hostNames, now))
        {
            using var issuer = X509Certificate2.CreateFromPemFile(caCert, caKey);
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=tke-apiserver, O=TKEStack", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
            var san = new SubjectAlternativeNameBuilder();
            foreach (var host in hostNames)
            {
                if (IPAddress.TryParse(host, out var ip))
                {
                    san.AddIpAddress(ip);
                }
                else
                {
                    san.AddDnsName(host);
                }
            }

            request.CertificateExtensions.Add(san.Build());
            var serial = RandomNumberGenerator.GetBytes(16);
            serial[0] &= 0x7f;
            using var issued = request.Create(issuer, now.AddMinutes(-5), now.AddYears(2), serial);
            WriteSecret(serverKey, key.ExportPkcs8PrivateKeyPem());
            File.WriteAllText(serverCert, issued.ExportCertificatePem());
        }

        return new CertificateAuthority(caCert, X509Certificate2.CreateFromPemFile(serverCert, serverKey));
    }

    /// <summary>Uses a certificate and key given by the operator instead of generating one.</summary>
    public static CertificateAuthority FromFiles(string certPath, string keyPath, string? caPath) =>
        new(caPath ?? certPath, X509Certificate2.CreateFromPemFile(certPath, keyPath));

    /// <summary>Writes a file readable by its owner only.</summary>
    public static void WriteSecret(string path, string content)
    {
        using (var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static bool Covers(string certPath, IReadOnlyCollection<string> hostNames, DateTimeOffset now)
    {
        using var cert = X509Certificate2.CreateFromPem(File.ReadAllText(certPath));
        if (cert.NotAfter < now.AddDays(30))
        {
            return false;
        }

        var san = cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (san is null)
        {
            return false;
        }

        var names = san.EnumerateDnsNames().Concat(san.EnumerateIPAddresses().Select(ip => ip.ToString())).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return hostNames.All(names.Contains);
    }
}

using System.Security.Cryptography.X509Certificates;

namespace Tke.Kubernetes.Connections;

/// <summary>
/// The connection the console's "import cluster" form describes: an API server address
/// without scheme (host or host:port; https is implied), the cluster's CA certificate and a
/// bearer token. Bad fields throw <see cref="ArgumentException"/> naming the field.
/// </summary>
public static class ImportFormConnection
{
    public static ClusterConnection Create(string apiServerAddress, string? caCertificatePem, string token)
    {
        var server = ParseAddress(apiServerAddress);
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new ArgumentException("the token is empty", nameof(token));
        }

        IReadOnlyList<X509Certificate2> cas = [];
        if (!string.IsNullOrWhiteSpace(caCertificatePem))
        {
            try
            {
                cas = PemCertificates.ParseBundle(PemCertificates.DecodePemText(caCertificatePem));
            }
            catch (FormatException e)
            {
                throw new ArgumentException($"the CA certificate is not valid: {e.Message}", nameof(caCertificatePem), e);
            }
        }

        return new ClusterConnection { Server = server, CertificateAuthorities = cas, BearerToken = token.Trim() };
    }

    /// <summary>host, host:port, [v6]:port or https://host:port; the port defaults to 443.</summary>
    public static Uri ParseAddress(string apiServerAddress)
    {
        var text = apiServerAddress?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw new ArgumentException("the API server address is empty", nameof(apiServerAddress));
        }

        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"the API server address \"{text}\" uses http; only https is supported", nameof(apiServerAddress));
        }

        if (!text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            text = "https://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || uri.UserInfo.Length > 0)
        {
            throw new ArgumentException($"the API server address \"{apiServerAddress}\" is not host:port", nameof(apiServerAddress));
        }

        return uri;
    }
}

using System.Text.Json;
using Tke.ApiMachinery.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Tke.Kubernetes.Connections;
using Tke.Platform.Apis.ClusterCredentials;
using Tke.Platform.Apis.Clusters;

namespace Tke.Platform.Clusters;

/// <summary>
/// Builds the connection the platform uses to reach a cluster from the Cluster's addresses and its
/// ClusterCredential. Unusable input throws <see cref="ArgumentException"/> with a message that
/// names the field.
/// </summary>
public static class ClusterConnectionFactory
{
    // The platform reaches a cluster over its internal address when it has one, as TKEStack does.
    private static readonly string[] AddressPreference =
    [
        ClusterAddressTypes.Internal, ClusterAddressTypes.Advertise, ClusterAddressTypes.Real, ClusterAddressTypes.Public, ClusterAddressTypes.Support,
    ];

    public static ClusterConnection Create(Cluster cluster, ClusterCredential credential)
    {
        var address = PreferredAddress(cluster) ?? throw new ArgumentException("status.addresses: the cluster has no API server address");
        var host = address.Host!.Contains(':', StringComparison.Ordinal) && !address.Host.StartsWith('[') ? $"[{address.Host}]" : address.Host;
        var server = ImportFormConnection.ParseAddress($"{host}:{address.Port}{address.Path}");

        IReadOnlyList<X509Certificate2> authorities = [];
        if (credential.CACert is { Length: > 0 } ca)
        {
            try
            {
                authorities = PemCertificates.ParseBundle(PemCertificates.DecodePemText(Encoding.UTF8.GetString(ca)));
            }
            catch (FormatException e)
            {
                throw new ArgumentException($"caCert: the CA certificate is not valid: {e.Message}", e);
            }
        }

        X509Certificate2? clientCertificate = null;
        if (credential.ClientCert is { Length: > 0 } cert && credential.ClientKey is { Length: > 0 } key)
        {
            try
            {
                clientCertificate = PemCertificates.ParseCertificateWithKey(
                    PemCertificates.DecodePemText(Encoding.UTF8.GetString(cert)),
                    PemCertificates.DecodePemText(Encoding.UTF8.GetString(key)));
            }
            catch (FormatException e)
            {
                throw new ArgumentException($"clientCert: {e.Message}", e);
            }
        }

        var token = string.IsNullOrWhiteSpace(credential.Token) ? null : credential.Token.Trim();
        if (token is null && clientCertificate is null)
        {
            throw new ArgumentException("token: the credential has neither a token nor a client certificate and key");
        }

        return new ClusterConnection
        {
            Server = server,
            CertificateAuthorities = authorities,
            BearerToken = token,
            ClientCertificate = clientCertificate,
        };
    }

    /// <summary>True when <paramref name="after"/> reaches its cluster differently: another credential or address.</summary>
    public static bool ConnectionChanged(Cluster before, Cluster after) =>
        before.Spec.ClusterCredentialRef?.Name != after.Spec.ClusterCredentialRef?.Name
        || JsonSerializer.Serialize(before.Status?.Addresses, ApiJson.Options) != JsonSerializer.Serialize(after.Status?.Addresses, ApiJson.Options);

    public static ClusterAddress? PreferredAddress(Cluster cluster)
    {
        var addresses = cluster.Status?.Addresses ?? [];
        foreach (var type in AddressPreference)
        {
            if (addresses.FirstOrDefault(a => a.Type == type && !string.IsNullOrEmpty(a.Host)) is { } found)
            {
                return found;
            }
        }

        return null;
    }
}

using System.Collections.Concurrent;
using Tke.Platform.Apis.ClusterCredentials;
using Tke.Platform.Apis.Clusters;

namespace Tke.Platform.Clusters.Proxy;

/// <summary>
/// One transport per cluster, so proxied requests reuse connections; replaced when the cluster's
/// address or credential changes (the key holds the credential's resourceVersion).
/// </summary>
public sealed class ClusterProxyTransports : IDisposable
{
    private readonly ConcurrentDictionary<string, (string Fingerprint, ClusterProxyTransport Transport)> _transports = new(StringComparer.Ordinal);
    private readonly Lock _replacing = new();

    /// <summary>Throws <see cref="ArgumentException"/> when the address or credential is unusable.</summary>
    public ClusterProxyTransport For(Cluster cluster, ClusterCredential credential)
    {
        var name = cluster.Metadata.Name!;
        var address = ClusterConnectionFactory.PreferredAddress(cluster);
        var fingerprint = $"{address?.Host}|{address?.Port}|{address?.Path}|{credential.Metadata.Name}|{credential.Metadata.ResourceVersion}";
        if (_transports.TryGetValue(name, out var cached) && cached.Fingerprint == fingerprint)
        {
            return cached.Transport;
        }

        lock (_replacing)
        {
            if (_transports.TryGetValue(name, out cached) && cached.Fingerprint == fingerprint)
            {
                return cached.Transport;
            }

            var transport = ClusterProxyTransport.Create(ClusterConnectionFactory.Create(cluster, credential));
            _transports[name] = (fingerprint, transport);
            // The old pool is not disposed: requests still streaming through it (watches) would break.
            // Its idle connections close on their own after PooledConnectionIdleTimeout.
            return transport;
        }
    }

    public void Dispose()
    {
        foreach (var (_, transport) in _transports.Values)
        {
            transport.Dispose();
        }

        _transports.Clear();
    }
}

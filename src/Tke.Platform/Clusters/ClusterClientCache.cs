using System.Collections.Concurrent;
using Tke.Kubernetes.Client;
using Tke.Kubernetes.Connections;
using Tke.Platform.Apis.ClusterCredentials;
using Tke.Platform.Apis.Clusters;

namespace Tke.Platform.Clusters;

/// <summary>
/// One Kubernetes client per cluster, kept between probes so that connections are reused, and
/// replaced when the cluster's address or its credential changes.
/// </summary>
public sealed class ClusterClientCache(KubernetesClientOptions options) : IDisposable
{
    private readonly ConcurrentDictionary<string, (string Fingerprint, KubernetesClient Client)> _clients = new(StringComparer.Ordinal);

    /// <summary>The client for a cluster; throws <see cref="ArgumentException"/> when its address or credential is unusable.</summary>
    public KubernetesClient For(Cluster cluster, ClusterCredential credential)
    {
        var name = cluster.Metadata.Name!;
        var address = ClusterConnectionFactory.PreferredAddress(cluster);
        var fingerprint = $"{address?.Host}|{address?.Port}|{address?.Path}|{credential.Metadata.Name}|{credential.Metadata.ResourceVersion}";
        if (_clients.TryGetValue(name, out var cached) && cached.Fingerprint == fingerprint)
        {
            return cached.Client;
        }

        ClusterConnection connection = ClusterConnectionFactory.Create(cluster, credential);
        var client = new KubernetesClient(connection, options);
        _clients[name] = (fingerprint, client);
        if (cached.Client is not null)
        {
            cached.Client.Dispose();
        }

        return client;
    }

    public void Remove(string name)
    {
        if (_clients.TryRemove(name, out var cached))
        {
            cached.Client.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var name in _clients.Keys)
        {
            Remove(name);
        }
    }
}

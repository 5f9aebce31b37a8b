using System.Net;
using Tke.Kubernetes.Client;
using Tke.Kubernetes.Connections;

namespace Tke.Platform.Clusters.Proxy;

/// <summary>
/// The HTTP connection pool to one cluster for proxied requests: trust limited to the cluster's
/// CAs, its client certificate, no environment proxy, and bodies passed through as they are
/// (no decompression, no redirects) because they belong to the caller.
/// </summary>
public sealed class ClusterProxyTransport : IDisposable
{
    private ClusterProxyTransport(ClusterConnection connection, HttpMessageInvoker invoker)
    {
        Connection = connection;
        Invoker = invoker;
    }

    public ClusterConnection Connection { get; }

    public HttpMessageInvoker Invoker { get; }

    /// <summary>The server's base address without a trailing slash (it may carry a path prefix).</summary>
    public string ServerRoot => Connection.Server.GetLeftPart(UriPartial.Authority) + Connection.Server.AbsolutePath.TrimEnd('/');

    public static ClusterProxyTransport Create(ClusterConnection connection)
    {
        // The same trust rules as the platform's own client; bodies pass through as the cluster sent them.
        var handler = ClusterHttpHandler.Create(connection, new KubernetesClientOptions { ConnectTimeout = TimeSpan.FromSeconds(10) });
        handler.AutomaticDecompression = DecompressionMethods.None;
        handler.UseCookies = false;
        return new ClusterProxyTransport(connection, new HttpMessageInvoker(handler, disposeHandler: true));
    }

    public void Dispose() => Invoker.Dispose();
}

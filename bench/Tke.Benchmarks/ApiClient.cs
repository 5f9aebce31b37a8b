using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Tke.Benchmarks;

/// <summary>
/// An HttpClient on its own SocketsHttpHandler that trusts only the server's CA, sends the
/// bearer token, and counts the TCP connections it opens (so the report can say how many were used).
/// </summary>
public sealed class ApiClient : IDisposable
{
    private int _connections;

    /// <param name="maxConnections">For HTTP/1.1 one connection per concurrent request; for HTTP/2 the
    /// streams share one connection unless <paramref name="moreHttp2Connections"/> lets the handler open
    /// another when the server's stream limit is reached.</param>
    public ApiClient(ApiTarget target, HttpProtocol protocol, int maxConnections, TimeSpan requestTimeout, bool moreHttp2Connections = false)
    {
        Protocol = protocol;
        var trust = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck, // a private CA publishes no revocation lists
        };
        trust.CustomTrustStore.AddRange(target.CertificateAuthorities);
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = maxConnections,
            EnableMultipleHttp2Connections = moreHttp2Connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = trust },
            ConnectCallback = ConnectAsync,
        };
        Http = new HttpClient(handler)
        {
            BaseAddress = target.BaseAddress,
            Timeout = requestTimeout,
            DefaultRequestVersion = protocol == HttpProtocol.Http2 ? HttpVersion.Version20 : HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", target.Token);
        Http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public HttpClient Http { get; }

    public HttpProtocol Protocol { get; }

    public int ConnectionsOpened => Volatile.Read(ref _connections);

    /// <summary>A request in this client's protocol: HttpClient applies its default version only to
    /// the requests its convenience methods build, not to those passed to SendAsync.</summary>
    public HttpRequestMessage NewRequest(HttpMethod method, Uri uri) => new(method, uri)
    {
        Version = Http.DefaultRequestVersion,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    public void Dispose() => Http.Dispose();

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            Interlocked.Increment(ref _connections);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

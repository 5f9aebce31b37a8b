using System.Net.Sockets;
using System.Security.Authentication;
using Tke.Kubernetes.Client;

namespace Tke.Platform.Clusters;

/// <summary>Turns what the Kubernetes client threw into a sentence an operator can act on:
/// the address was unreachable, the token was refused, or the certificate was not trusted.</summary>
public static class ProbeFailureDescriber
{
    public static ClusterProbeResult Describe(Exception error, Uri server, TimeSpan timeout)
    {
        var address = server.GetLeftPart(UriPartial.Authority);
        switch (error)
        {
            case KubernetesApiException { Code: 401 }:
                return ClusterProbeResult.Failed(ProbeFailureKind.Unauthorized, $"the cluster rejected the token (401) at {address}");
            case KubernetesApiException { Code: 403 } forbidden:
                return ClusterProbeResult.Failed(ProbeFailureKind.Forbidden, $"the token is not allowed to read the cluster's version and nodes (403) at {address}: {forbidden.Message}");
            case KubernetesApiException api:
                return ClusterProbeResult.Failed(ProbeFailureKind.Error, $"the cluster at {address} answered {api.Code}: {api.Message}");
            case TimeoutException or OperationCanceledException:
                return ClusterProbeResult.Failed(ProbeFailureKind.Unreachable, $"cannot reach {address}: no answer within {timeout.TotalSeconds:0.###}s");
            case HttpRequestException http when Find<AuthenticationException>(http) is not null:
                return ClusterProbeResult.Failed(ProbeFailureKind.UntrustedCertificate, $"the cluster's certificate is not signed by the given CA (or is not issued for {server.Host}) at {address}");
            case HttpRequestException http when Find<SocketException>(http) is { } socket:
                return ClusterProbeResult.Failed(ProbeFailureKind.Unreachable, $"cannot reach {address}: {SocketText(socket)}");
            case HttpRequestException http:
                return ClusterProbeResult.Failed(ProbeFailureKind.Unreachable, $"cannot reach {address}: {http.Message}");
            default:
                return ClusterProbeResult.Failed(ProbeFailureKind.Error, $"probing {address} failed: {error.Message}");
        }
    }

    private static string SocketText(SocketException socket) => socket.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
        SocketError.HostUnreachable => "host unreachable",
        SocketError.NetworkUnreachable => "network unreachable",
        SocketError.TimedOut => "connection timed out",
        SocketError.ConnectionReset => "connection reset",
        _ => socket.Message,
    };

    private static T? Find<T>(Exception error)
        where T : Exception
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }
}

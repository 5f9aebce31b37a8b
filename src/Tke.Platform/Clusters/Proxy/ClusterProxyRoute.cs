using Microsoft.AspNetCore.Http;

namespace Tke.Platform.Clusters.Proxy;

/// <summary>
/// Which requests go to a managed cluster, and where: API requests carrying X-TKE-ClusterName
/// (the header TKEStack's console sends) keep their path; .../clusters/{name}/proxy/{rest} goes to
/// /{rest} of that cluster.
/// </summary>
public sealed record ClusterProxyRoute(string ClusterName, string TargetPath)
{
    public const string ClusterHeader = "X-TKE-ClusterName";
    public const string ClustersPath = "/apis/platform.tkestack.io/v1/clusters/";
    private const string ProxySegment = "proxy";

    /// <summary>The route of a request, or null when the platform serves it itself.</summary>
    public static ClusterProxyRoute? Of(HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        if (path.StartsWith(ClustersPath, StringComparison.Ordinal))
        {
            var rest = path[ClustersPath.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && SegmentAt(rest, slash + 1) == ProxySegment)
            {
                var target = rest[(slash + 1 + ProxySegment.Length)..];
                if (target.Length == 0 || target[0] == '/')
                {
                    return new ClusterProxyRoute(Uri.UnescapeDataString(rest[..slash]), target.Length == 0 ? "/" : target);
                }
            }
        }

        var header = request.Headers[ClusterHeader].ToString().Trim();
        if (header.Length == 0 || !IsKubernetesApiPath(path))
        {
            return null;
        }

        return new ClusterProxyRoute(header, path);
    }

    // The platform's own groups keep answering even when the console sends the header along.
    private static bool IsKubernetesApiPath(string path)
    {
        if (path == "/api" || path.StartsWith("/api/", StringComparison.Ordinal) || path == "/apis")
        {
            return true;
        }

        if (!path.StartsWith("/apis/", StringComparison.Ordinal))
        {
            return false;
        }

        var group = SegmentAt(path, "/apis/".Length);
        return !group.EndsWith(".tkestack.io", StringComparison.Ordinal);
    }

    private static string SegmentAt(string path, int start)
    {
        var end = path.IndexOf('/', start);
        return end < 0 ? path[start..] : path[start..end];
    }
}

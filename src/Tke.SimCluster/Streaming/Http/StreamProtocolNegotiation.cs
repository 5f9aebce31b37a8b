using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;

namespace Tke.SimCluster.Streaming.Http;

/// <summary>
/// Kubernetes' X-Stream-Protocol-Version negotiation for upgrades to SPDY: the client lists the
/// versions it speaks and the server answers with the first it also speaks. A client that lists
/// none predates negotiation and gets the oldest protocol, as the kubelet does.
/// </summary>
public static class StreamProtocolNegotiation
{
    public const string VersionHeader = "X-Stream-Protocol-Version";
    public const string AcceptedHeader = "X-Accepted-Stream-Protocol-Versions";

    /// <exception cref="StatusError">403 when no version matches, as the kubelet answers.</exception>
    public static string Negotiate(HttpContext context, IReadOnlyList<string> serverProtocols, string legacyProtocol)
    {
        var offered = context.Request.Headers[VersionHeader]
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        if (offered.Count == 0)
        {
            return legacyProtocol;
        }

        if (offered.FirstOrDefault(serverProtocols.Contains) is { } chosen)
        {
            return chosen;
        }

        context.Response.Headers[AcceptedHeader] = serverProtocols.ToArray();
        throw StatusError.Forbidden($"unable to upgrade: unable to negotiate protocol: client supports [{string.Join(" ", offered)}], server accepts [{string.Join(" ", serverProtocols)}]");
    }
}

using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Requests;

namespace Tke.Platform.Clusters.Proxy;

/// <summary>
/// The cluster proxy: a request for a managed cluster is checked (the cluster is the caller's
/// tenant's, the policy allows the target request) before anything is sent, then forwarded with
/// the cluster's credential on behalf of the caller.
/// </summary>
public sealed class ClusterProxyHandler(ClusterAccess access, ClusterProxyTargets targets, ClusterProxyTransports transports, ClusterRequestForwarder forwarder)
{
    public static bool Accepts(HttpRequest request) => ClusterProxyRoute.Of(request) is not null;

    public async Task HandleAsync(HttpContext context, RequestUser user)
    {
        var route = ClusterProxyRoute.Of(context.Request) ?? throw StatusError.PathNotFound(context.Request.Path);
        var cancellationToken = context.RequestAborted;
        var cluster = await targets.FindVisibleAsync(route.ClusterName, user, cancellationToken);
        await access.AuthorizeProxyAsync(context.Request, route.ClusterName, route.TargetPath, user, cancellationToken);
        if (ClusterProxyVerb.UpgradeOf(context) is null && context.Request.Headers.Upgrade.Count > 0)
        {
            throw StatusError.BadRequest("connection upgrades (exec, attach, port-forward) need HTTP/1.1");
        }

        var credential = await targets.CredentialOfAsync(cluster, cancellationToken)
            ?? throw StatusError.ServiceUnavailable($"cluster {route.ClusterName} has no credential to reach it with");
        ClusterProxyTransport transport;
        try
        {
            transport = transports.For(cluster, credential);
        }
        catch (ArgumentException e)
        {
            throw StatusError.ServiceUnavailable($"cluster {route.ClusterName} cannot be reached: {e.Message}");
        }

        await forwarder.ForwardAsync(context, transport, route.TargetPath, user);
    }
}

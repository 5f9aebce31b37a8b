using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Requests;

namespace Tke.Platform.Clusters.Proxy;

/// <summary>
/// The cluster proxy: a request for a managed cluster is checked (the cluster is the caller's
/// tenant's, the policy allows the target request) before anything is sent, then forwarded with
/// the cluster's credential on behalf of the caller.
/// </summary>
public sealed class ClusterProxyHandler(ClusterAccess access, ClusterStores stores, ClusterProxyTransports transports, ClusterRequestForwarder forwarder)
{
    public static bool Accepts(HttpRequest request) => ClusterProxyRoute.Of(request) is not null;

    public async Task HandleAsync(HttpContext context, RequestUser user)
    {
        var route = ClusterProxyRoute.Of(context.Request) ?? throw StatusError.PathNotFound(context.Request.Path);
        var cancellationToken = context.RequestAborted;
        var cluster = await access.FindVisibleAsync(route.ClusterName, user, cancellationToken);
        await access.AuthorizeProxyAsync(context.Request, route.ClusterName, route.TargetPath, user, cancellationToken);
        if (ClusterProxyVerb.IsUpgrade(context))
        {
            await WriteNotImplementedAsync(context, "exec, attach and port-forward (connection upgrades) are not proxied to clusters yet; reach the cluster directly for them");
            return;
        }

        var credential = await new ClusterCredentialResolver(stores.Credentials).FindAsync(cluster, cancellationToken)
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

    // StatusError has no 501; the body is still a metav1.Status that kubectl prints.
    private static async Task WriteNotImplementedAsync(HttpContext context, string message)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = "NotImplemented",
            ["code"] = StatusCodes.Status501NotImplemented,
        };
        context.Response.StatusCode = StatusCodes.Status501NotImplemented;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(status.ToJsonString()), context.RequestAborted);
    }
}

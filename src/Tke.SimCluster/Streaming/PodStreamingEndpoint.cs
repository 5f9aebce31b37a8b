using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Requests;
using Tke.SimCluster.Streaming.Logs;
using Tke.SimCluster.Streaming.Pods;
using Tke.SimCluster.Streaming.PortForward;
using Tke.SimCluster.Streaming.RemoteCommand;

namespace Tke.SimCluster.Streaming;

/// <summary>
/// The streaming subresources of pods, which the generic resource handler does not serve:
/// pods/log, pods/exec, pods/attach and pods/portforward. Each request is authorised first as
/// that subresource, through the server's authorizer.
/// </summary>
public sealed class PodStreamingEndpoint(ApiSurface surface, PodPresence pods, CancellationToken stopping, ILogger logger)
{
    private readonly PodLogEndpoint _logs = new(pods, stopping);
    private readonly RemoteCommandEndpoint _remoteCommands = new(pods, stopping, logger);
    private readonly PortForwardEndpoint _portForwards = new(pods, stopping, logger);

    public static bool Accepts(HttpRequest request) => PodSubresourcePath.Parse(request.Path.Value) is not null;

    public async Task HandleAsync(HttpContext context, RequestUser user)
    {
        var target = PodSubresourcePath.Parse(context.Request.Path.Value) ?? throw StatusError.PathNotFound(context.Request.Path.Value ?? "");
        var method = context.Request.Method;
        if (target.Subresource == "log" ? !HttpMethods.IsGet(method) : !(HttpMethods.IsGet(method) || HttpMethods.IsPost(method)))
        {
            throw StatusError.MethodNotSupported("pods/" + target.Subresource, method);
        }

        await AuthorizeAsync(user, target, context.RequestAborted);
        switch (target.Subresource)
        {
            case "log":
                await _logs.HandleAsync(context, target.Namespace, target.Pod);
                break;
            case "portforward":
                await _portForwards.HandleAsync(context, target.Namespace, target.Pod);
                break;
            default:
                await _remoteCommands.HandleAsync(context, target.Namespace, target.Pod, exec: target.Subresource == "exec");
                break;
        }
    }

    /// <summary>Asks the authorizer in force now (a policy component may install one after start-up).</summary>
    private async Task AuthorizeAsync(RequestUser user, PodSubresourcePath target, CancellationToken cancellationToken)
    {
        var verdict = await surface.Authorizer.AuthorizeAsync(
            user,
            new ResourceAttributes(target.Verb, "", "v1", "pods", target.Subresource, target.Namespace, target.Pod),
            cancellationToken);
        if (!verdict.Allowed)
        {
            var reason = string.IsNullOrEmpty(verdict.Reason) ? "" : ": " + verdict.Reason;
            throw StatusError.Forbidden($"pods \"{target.Pod}\" is forbidden: User \"{user.Name}\" cannot {target.Verb} resource \"pods/{target.Subresource}\" in API group \"\" in the namespace \"{target.Namespace}\"{reason}");
        }
    }
}

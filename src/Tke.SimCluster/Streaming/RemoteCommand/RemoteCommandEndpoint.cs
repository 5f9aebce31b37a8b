using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Errors;
using Tke.SimCluster.Core;
using Tke.SimCluster.Streaming.Http;
using Tke.SimCluster.Streaming.Pods;
using Tke.SimCluster.Streaming.Shell;
using Tke.SimCluster.Streaming.Spdy;
using Tke.SimCluster.Streaming.WebSockets;

namespace Tke.SimCluster.Streaming.RemoteCommand;

/// <summary>
/// pods/exec and pods/attach: checks the pod and container as the API server and kubelet would,
/// upgrades to WebSocket (channel protocols v1 to v5) or SPDY (v1 to v4), and runs the command in
/// the <see cref="SimulatedShell"/> or joins the <see cref="AttachedMainProcess"/>. Deleting the
/// pod ends the command as if its container were killed (exit 137).
/// </summary>
public sealed class RemoteCommandEndpoint(PodPresence pods, CancellationToken stopping, ILogger logger)
{
    private const int KilledExitCode = 137;

    public async Task HandleAsync(HttpContext context, string ns, string name, bool exec)
    {
        var options = RemoteCommandOptions.Parse(context.Request.Query, exec);
        var pod = await pods.RequireAsync(ns, name, context.RequestAborted);
        var spec = ContainerResolver.Resolve(pod, options.Container);
        PodHost.Require(pod);

        if (ContainerRunState.Current(pod, spec.Name).Phase != ContainerPhase.Running)
        {
            throw StatusError.BadRequest($"unable to upgrade connection: container not found (\"{spec.Name}\")");
        }

        await using var connection = await ConnectAsync(context, options);
        if (connection is null)
        {
            return;
        }

        var container = SimulatedContainer.Of(pod, spec);
        var command = exec ? options.Command : ["(main process of " + spec.Name + ")"];
        var outcome = await RunAsync(connection, pod, container, options, exec);
        logger.LogInformation(
            "{Subresource} in container {Container} of pod {Namespace}/{Pod} over {Protocol}: {Command} {Outcome}",
            exec ? "exec" : "attach", spec.Name, ns, name, connection.Protocol, string.Join(' ', command), outcome is null ? "ended by the client" : $"exited {outcome.ExitCode}");
        if (outcome is not null)
        {
            await connection.FinishAsync(outcome with { Command = command }, stopping);
        }
    }

    private static async Task<RemoteCommandConnection?> ConnectAsync(HttpContext context, RemoteCommandOptions options)
    {
        if (WebSocketHandshake.IsWebSocketRequest(context.Request))
        {
            var offered = WebSocketHandshake.OfferedProtocols(context.Request);
            var protocol = WebSocketChannelProtocol.Negotiate(offered)
                ?? throw WebSocketHandshake.UnsupportedProtocols(offered, WebSocketChannelProtocol.Supported.Select(p => p.Name));
            return await WebSocketRemoteCommand.AcceptAsync(context, protocol, options);
        }

        if (SpdyUpgrade.IsSpdyRequest(context.Request))
        {
            var protocol = StreamProtocolNegotiation.Negotiate(context, SpdyRemoteCommand.Protocols, "channel.k8s.io");
            return await SpdyRemoteCommand.AcceptAsync(context, protocol, options, context.RequestAborted);
        }

        throw StatusError.BadRequest("Upgrade request required");
    }

    /// <summary>The command's outcome, or null when the client left before it ended.</summary>
    private async Task<RemoteCommandOutcome?> RunAsync(RemoteCommandConnection connection, Pod pod, SimulatedContainer container, RemoteCommandOptions options, bool exec)
    {
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(connection.ClientGone, stopping);
        var podGone = WatchPodAsync(pod, ending);
        var io = new ShellIo(connection.Stdin, connection.Stdout, connection.Stderr, options.Tty);
        try
        {
            var exitCode = exec
                ? await new SimulatedShell(container, pods.Clock).RunAsync(options.Command, io, ending.Token)
                : await new AttachedMainProcess(container).RunAsync(io, options.Stdin, ending.Token);
            return RemoteCommandOutcome.Exited(exitCode, options.Command);
        }
        catch (OperationCanceledException) when (podGone.IsCompletedSuccessfully && podGone.Result)
        {
            return RemoteCommandOutcome.Exited(KilledExitCode, options.Command);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            return null;
        }
        finally
        {
            await ending.CancelAsync();
            await podGone;
        }
    }

    /// <summary>Cancels <paramref name="ending"/> when the pod goes; true if that is what happened.</summary>
    private async Task<bool> WatchPodAsync(Pod pod, CancellationTokenSource ending)
    {
        try
        {
            await pods.WaitUntilGoneAsync(pod, ending.Token);
            await ending.CancelAsync();
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

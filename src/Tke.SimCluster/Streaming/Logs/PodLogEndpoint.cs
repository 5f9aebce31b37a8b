using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;
using Tke.SimCluster.Core;
using Tke.SimCluster.Streaming.Pods;

namespace Tke.SimCluster.Streaming.Logs;

/// <summary>
/// GET /api/v1/namespaces/{ns}/pods/{name}/log: the simulated container's log as text/plain,
/// with Kubernetes' options (container, follow, previous, timestamps, sinceSeconds, sinceTime,
/// tailLines, limitBytes) and its errors for pods and containers that have no log to give.
/// A followed log ends when the pod goes away, the client leaves or the server stops.
/// </summary>
public sealed class PodLogEndpoint(PodPresence pods, CancellationToken stopping)
{
    public async Task HandleAsync(HttpContext context, string ns, string name)
    {
        var cancellationToken = context.RequestAborted;
        var options = PodLogOptions.Parse(context.Request.Query, name);
        var pod = await pods.RequireAsync(ns, name, cancellationToken);
        var spec = ContainerResolver.Resolve(pod, options.Container);
        if (string.IsNullOrEmpty(pod.Spec.NodeName))
        {
            // Not scheduled: the API server has no kubelet to ask and answers with an empty log.
            context.Response.ContentType = "text/plain";
            return;
        }

        var state = LoggedState(pod, spec.Name, options.Previous);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/plain";
        var log = new SimulatedContainerLog(SimulatedContainer.Of(pod, spec), spec);
        var since = options.Since(pods.Clock.GetUtcNow());
        var lines = log.Lines(state).Where(l => since is null || l.Time >= since).ToList();
        if (options.TailLines is { } tail && tail < lines.Count)
        {
            lines = lines.Skip(lines.Count - (int)tail).ToList();
        }

        var output = new LimitedOutput(context.Response.Body, options.LimitBytes);
        foreach (var line in lines)
        {
            if (!await output.WriteAsync(Format(line, options.Timestamps), cancellationToken))
            {
                return;
            }
        }

        await context.Response.Body.FlushAsync(cancellationToken);
        if (options.Follow && !options.Previous && state.Phase == ContainerPhase.Running)
        {
            await FollowAsync(pod, log, options, output, cancellationToken);
        }
    }

    /// <summary>One heartbeat a second while the pod is there.</summary>
    private async Task FollowAsync(Pod pod, SimulatedContainerLog log, PodLogOptions options, LimitedOutput output, CancellationToken requestAborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, stopping);
        var cancellationToken = linked.Token;
        try
        {
            for (long count = 1; ; count++)
            {
                await Task.Delay(PodPresence.PollInterval, pods.Clock, cancellationToken);
                var current = await pods.CurrentAsync(pod, cancellationToken);
                if (current is null || ContainerRunState.Current(current, log.ContainerName).Phase != ContainerPhase.Running)
                {
                    return;
                }

                if (!await output.WriteAsync(Format(log.Heartbeat(pods.Clock.GetUtcNow(), count), options.Timestamps), cancellationToken))
                {
                    return;
                }

                await output.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !requestAborted.IsCancellationRequested)
        {
            // The server is stopping: the log ends as if the node went away.
        }
    }

    /// <summary>The container state whose log is asked for, or the kubelet's 400 when there is none.</summary>
    private static ContainerRunState LoggedState(Pod pod, string container, bool previous)
    {
        var podName = pod.Metadata.Name;
        if (previous)
        {
            var last = ContainerRunState.From(ContainerResolver.StatusOf(pod, container)?.LastState);
            return last is { Phase: ContainerPhase.Terminated }
                ? last
                : throw StatusError.BadRequest($"previous terminated container \"{container}\" in pod \"{podName}\" not found");
        }

        var state = ContainerRunState.Current(pod, container);
        return state.Phase == ContainerPhase.Waiting
            ? throw StatusError.BadRequest($"container \"{container}\" in pod \"{podName}\" is waiting to start: {state.Reason ?? "ContainerCreating"}")
            : state;
    }

    /// <summary>Kubelet's timestamps: RFC 3339 in UTC with nine fractional digits.</summary>
    public static string Format(LogLine line, bool timestamps) =>
        timestamps
            ? line.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture) + " " + line.Text + "\n"
            : line.Text + "\n";

    /// <summary>The response body cut off after limitBytes, mid-line if need be, as the kubelet does.</summary>
    private sealed class LimitedOutput(Stream body, long? limit)
    {
        private long _remaining = limit ?? long.MaxValue;

        /// <returns>False once the limit is reached: nothing more is to be written.</returns>
        public async Task<bool> WriteAsync(string text, CancellationToken cancellationToken)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var count = (int)Math.Min(bytes.Length, _remaining);
            await body.WriteAsync(bytes.AsMemory(0, count), cancellationToken);
            _remaining -= count;
            return _remaining > 0;
        }

        public Task FlushAsync(CancellationToken cancellationToken) => body.FlushAsync(cancellationToken);
    }
}

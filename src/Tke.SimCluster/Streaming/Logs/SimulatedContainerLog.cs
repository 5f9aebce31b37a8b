using Tke.SimCluster.Streaming.Pods;

namespace Tke.SimCluster.Streaming.Logs;

/// <summary>One line of a container log with the time it was written.</summary>
public sealed record LogLine(DateTimeOffset Time, string Text);

/// <summary>
/// The log of a simulated container, derived from the pod alone so every read gives the same
/// lines: that it started (and from which image, saying no process runs), what it would run,
/// the ports it declares, and how it exited once terminated. A follower also gets one
/// heartbeat line per second while the container runs; those are not kept.
/// </summary>
public sealed class SimulatedContainerLog(SimulatedContainer container, Core.Container spec)
{
    public string ContainerName => container.Name;

    public IReadOnlyList<LogLine> Lines(ContainerRunState state)
    {
        var started = state.StartedAt ?? DateTimeOffset.UnixEpoch;
        var lines = new List<LogLine>
        {
            new(started, $"simulated container {container.Name} of pod {container.Namespace}/{container.PodName} started (image {spec.Image ?? "<none>"}); no process runs in a simulated cluster"),
            new(started, "command: " + Command()),
            new(started, container.Ports.Count == 0
                ? "declares no ports"
                : "declares ports " + string.Join(", ", container.Ports.Select(p => $"{p.Port}/{p.Protocol ?? "TCP"}")) + " (kubectl port-forward reaches a simulated HTTP responder on them)"),
        };
        if (state.Phase == ContainerPhase.Terminated)
        {
            lines.Add(new(state.FinishedAt ?? started, $"simulated container {container.Name} exited with code {state.ExitCode}" + (state.Reason is { } reason ? $" ({reason})" : "")));
        }

        return lines;
    }

    public LogLine Heartbeat(DateTimeOffset now, long count) =>
        new(now, $"simulated container {container.Name} of pod {container.Namespace}/{container.PodName} is running (heartbeat {count})");

    private string Command()
    {
        var words = (spec.Command ?? []).Concat(spec.Args ?? []).ToList();
        return words.Count == 0 ? "the image's default entrypoint" : string.Join(' ', words.Select(w => w.Contains(' ') ? $"\"{w}\"" : w));
    }
}

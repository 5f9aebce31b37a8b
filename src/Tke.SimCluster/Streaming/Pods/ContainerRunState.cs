using System.Text.Json.Nodes;
using Tke.SimCluster.Core;

namespace Tke.SimCluster.Streaming.Pods;

/// <summary>Whether a container is waiting, running or terminated.</summary>
public enum ContainerPhase
{
    Waiting,
    Running,
    Terminated,
}

/// <summary>A container state (ContainerStatus.state or lastState) read from its JSON.</summary>
public sealed record ContainerRunState(ContainerPhase Phase, string? Reason, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, int ExitCode)
{
    /// <summary>Null when the state is empty.</summary>
    public static ContainerRunState? From(JsonObject? state)
    {
        if (state?["running"] is JsonObject running)
        {
            return new(ContainerPhase.Running, null, Time(running["startedAt"]), null, 0);
        }

        if (state?["terminated"] is JsonObject terminated)
        {
            return new(ContainerPhase.Terminated, terminated["reason"]?.GetValue<string>(), Time(terminated["startedAt"]), Time(terminated["finishedAt"]), terminated["exitCode"]?.GetValue<int>() ?? 0);
        }

        if (state?["waiting"] is JsonObject waiting)
        {
            return new(ContainerPhase.Waiting, waiting["reason"]?.GetValue<string>(), null, null, 0);
        }

        return null;
    }

    /// <summary>The container's current state; a pod that has no status for it yet is still creating it.</summary>
    public static ContainerRunState Current(Pod pod, string container) =>
        From(ContainerResolver.StatusOf(pod, container)?.State) ?? new ContainerRunState(ContainerPhase.Waiting, "ContainerCreating", null, null, 0);

    private static DateTimeOffset? Time(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;
}

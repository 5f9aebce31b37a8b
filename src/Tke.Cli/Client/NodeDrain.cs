using System.Text.Json.Nodes;
using Tke.Kubernetes.Client;
using Tke.Kubernetes.Resources;

namespace Tke.Cli.Client;

/// <summary>
/// Evicts the pods of a node through the Eviction API, as kubectl drain does: DaemonSet pods
/// (their controller would put them straight back) and mirror pods (the kubelet owns them) stay;
/// a refusal by a PodDisruptionBudget (429) is retried with backoff until the deadline.
/// </summary>
public sealed class NodeDrain(KubernetesClient cluster, TextWriter progress, TimeProvider clock)
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(5);

    private readonly Lock _lines = new();

    /// <summary>The pods to evict, or an error naming DaemonSet pods when they may not be ignored.</summary>
    public async Task<IReadOnlyList<PodView>> PodsToEvictAsync(string node, bool ignoreDaemonSets, CancellationToken cancellationToken)
    {
        var pods = (await cluster.ListAllAsync(GroupVersionResource.Core("pods"), null, new ListOptions { FieldSelector = "spec.nodeName=" + node }, cancellationToken)).Items
            .Select(PodView.From)
            .Where(p => !p.IsMirrorPod)
            .ToList();
        var daemonPods = pods.Where(p => p.OwnedByDaemonSet).ToList();
        if (daemonPods.Count > 0 && !ignoreDaemonSets)
        {
            throw new CommandFailedException("cannot delete DaemonSet-managed pods (use --ignore-daemonsets): " + string.Join(", ", daemonPods.Select(Key)));
        }

        return pods.Where(p => !p.OwnedByDaemonSet).OrderBy(Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>Evicts every pod and waits for each to be gone; false when the deadline passed first.</summary>
    public async Task<bool> EvictAllAsync(IReadOnlyList<PodView> pods, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(pods.Select(p => EvictAsync(p, deadline, cancellationToken)));
        return results.All(r => r);
    }

    private async Task<bool> EvictAsync(PodView pod, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var delay = FirstRetry;
        var reportedWaiting = false;
        while (true)
        {
            try
            {
                await cluster.CreateAsync(EvictionOf(pod), pod.Namespace, Eviction(pod), cancellationToken);
                break;
            }
            catch (KubernetesApiException e) when (e.IsNotFound)
            {
                break; // gone already
            }
            catch (KubernetesApiException e) when (e.Code == 429)
            {
                if (!reportedWaiting)
                {
                    var cause = e.Causes.FirstOrDefault(c => c.Reason == "DisruptionBudget")?.Message ?? e.Message;
                    Line($"evicting {Key(pod)}… waiting: disruption budget ({cause})");
                    reportedWaiting = true;
                }
            }

            if (!await PauseAsync(delay, deadline, cancellationToken))
            {
                Line($"evicting {Key(pod)}… timed out: disruption budget still refuses");
                return false;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetry.Ticks));
        }

        if (!await WaitGoneAsync(pod, deadline, cancellationToken))
        {
            Line($"evicting {Key(pod)}… timed out waiting for the pod to go");
            return false;
        }

        Line($"evicting {Key(pod)}… evicted");
        return true;
    }

    /// <summary>Gone, or replaced by a new pod of the same name (a StatefulSet's).</summary>
    private async Task<bool> WaitGoneAsync(PodView pod, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                var current = PodView.From(await cluster.GetAsync(GroupVersionResource.Core("pods"), pod.Namespace, pod.Name, cancellationToken));
                if (current.Metadata.Uid != pod.Metadata.Uid)
                {
                    return true;
                }
            }
            catch (KubernetesApiException e) when (e.IsNotFound)
            {
                return true;
            }

            if (!await PauseAsync(FirstRetry, deadline, cancellationToken))
            {
                return false;
            }
        }
    }

    /// <summary>Sleeps, but never past the deadline; false when the deadline has come.</summary>
    private async Task<bool> PauseAsync(TimeSpan delay, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var left = deadline - clock.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            return false;
        }

        await Task.Delay(delay < left ? delay : left, clock, cancellationToken);
        return true;
    }

    private void Line(string text)
    {
        lock (_lines)
        {
            progress.WriteLine(text);
            progress.Flush();
        }
    }

    /// <summary>POST to this "collection" is POST .../pods/{name}/eviction, the eviction subresource.</summary>
    private static GroupVersionResource EvictionOf(PodView pod) => GroupVersionResource.Core("pods/" + Uri.EscapeDataString(pod.Name) + "/eviction");

    private static JsonObject Eviction(PodView pod) => new()
    {
        ["apiVersion"] = "policy/v1",
        ["kind"] = "Eviction",
        ["metadata"] = new JsonObject { ["name"] = pod.Name, ["namespace"] = pod.Namespace },
    };

    private static string Key(PodView pod) => $"{pod.Namespace}/{pod.Name}";
}

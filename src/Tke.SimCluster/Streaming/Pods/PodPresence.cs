using Tke.ApiMachinery.Errors;
using Tke.SimCluster.Controllers.Runtime;
using Tke.SimCluster.Core;

namespace Tke.SimCluster.Streaming.Pods;

/// <summary>Notices when a pod is gone (deleted, being deleted, or replaced by another of the same
/// name), which ends the streams into its containers as it would on a real node.</summary>
public sealed class PodPresence(TypedStore<Pod> pods, TimeProvider clock)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public TimeProvider Clock => clock;

    /// <summary>The pod, or the API server's 404 for it.</summary>
    public async Task<Pod> RequireAsync(string ns, string name, CancellationToken cancellationToken) =>
        await pods.GetAsync(ns, name, cancellationToken) ?? throw StatusError.NotFound("", "pods", name);

    /// <summary>The pod as it is now, or null once it is gone.</summary>
    public async Task<Pod?> CurrentAsync(Pod pod, CancellationToken cancellationToken)
    {
        var current = await pods.GetAsync(pod.Metadata.Namespace, pod.Metadata.Name ?? "", cancellationToken);
        return current is null || current.Metadata.Uid != pod.Metadata.Uid || current.Metadata.DeletionTimestamp is not null ? null : current;
    }

    /// <summary>Completes once the pod is gone; cancelled with the token otherwise.</summary>
    public async Task WaitUntilGoneAsync(Pod pod, CancellationToken cancellationToken)
    {
        while (await CurrentAsync(pod, cancellationToken) is not null)
        {
            await Task.Delay(PollInterval, clock, cancellationToken);
        }
    }
}

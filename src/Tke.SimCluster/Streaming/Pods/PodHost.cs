using Tke.ApiMachinery.Errors;
using Tke.SimCluster.Core;

namespace Tke.SimCluster.Streaming.Pods;

/// <summary>The node whose kubelet serves a pod's exec, attach and port-forward connections.</summary>
public static class PodHost
{
    /// <summary>A pod not scheduled yet has no kubelet to connect to, which the API server refuses with 400.</summary>
    public static void Require(Pod pod)
    {
        if (string.IsNullOrEmpty(pod.Spec.NodeName))
        {
            throw StatusError.BadRequest($"pod {pod.Metadata.Name} does not have a host assigned");
        }
    }
}

using Tke.ApiMachinery.Errors;
using Tke.SimCluster.Core;

namespace Tke.SimCluster.Streaming.Pods;

/// <summary>Picks the container a streaming request is for, with the API server's rules and
/// words: the only container when none is named, else the one named, init containers included.</summary>
public static class ContainerResolver
{
    /// <exception cref="StatusError">400 when the pod has several containers and none is named,
    /// or the named one is not in the pod.</exception>
    public static Container Resolve(Pod pod, string? name)
    {
        var wanted = name ?? "";
        var podName = pod.Metadata.Name ?? "";
        if (wanted.Length == 0)
        {
            return pod.Spec.Containers.Count switch
            {
                1 => pod.Spec.Containers[0],
                0 => throw StatusError.BadRequest($"a container name must be specified for pod {podName}"),
                _ => throw StatusError.BadRequest($"a container name must be specified for pod {podName}, choose one of: [{string.Join(" ", AllContainers(pod).Select(c => c.Name))}]"),
            };
        }

        return AllContainers(pod).FirstOrDefault(c => c.Name == wanted)
            ?? throw StatusError.BadRequest($"container {wanted} is not valid for pod {podName}");
    }

    /// <summary>Init containers first, then the app containers, as Kubernetes lists them.</summary>
    public static IEnumerable<Container> AllContainers(Pod pod) => (pod.Spec.InitContainers ?? []).Concat(pod.Spec.Containers);

    public static ContainerStatus? StatusOf(Pod pod, string name) =>
        pod.Status?.ContainerStatuses?.FirstOrDefault(s => s.Name == name)
        ?? pod.Status?.InitContainerStatuses?.FirstOrDefault(s => s.Name == name);
}

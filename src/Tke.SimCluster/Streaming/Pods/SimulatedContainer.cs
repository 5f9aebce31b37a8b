using Tke.SimCluster.Core;

namespace Tke.SimCluster.Streaming.Pods;

/// <summary>What the simulated streaming endpoints know of one container: who it is, its image,
/// environment and declared ports. Nothing runs behind it.</summary>
public sealed record SimulatedContainer(
    string Namespace,
    string PodName,
    string PodUid,
    string Name,
    string? Image,
    string? NodeName,
    string? PodIp,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    IReadOnlyList<ContainerPort> Ports)
{
    public static SimulatedContainer Of(Pod pod, Container container) => new(
        pod.Metadata.Namespace ?? "",
        pod.Metadata.Name ?? "",
        pod.Metadata.Uid ?? "",
        container.Name,
        container.Image,
        pod.Spec.NodeName,
        pod.Status?.PodIP,
        EnvironmentOf(pod, container),
        container.Ports ?? []);

    /// <summary>The container's env as a process would see it: the image's usual PATH, HOSTNAME,
    /// then the pod spec's variables, with field references resolved from the pod.</summary>
    private static IReadOnlyList<KeyValuePair<string, string>> EnvironmentOf(Pod pod, Container container)
    {
        var env = new List<KeyValuePair<string, string>>
        {
            new("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
            new("HOSTNAME", pod.Metadata.Name ?? ""),
        };
        foreach (var variable in container.Env ?? [])
        {
            var value = variable.Value ?? FieldReference(pod, variable.ValueFrom?["fieldRef"]?["fieldPath"]?.GetValue<string>());
            if (value is not null)
            {
                env.RemoveAll(e => e.Key == variable.Name);
                env.Add(new(variable.Name, value));
            }
        }

        env.Add(new("HOME", "/root"));
        return env;
    }

    private static string? FieldReference(Pod pod, string? path) => path switch
    {
        "metadata.name" => pod.Metadata.Name,
        "metadata.namespace" => pod.Metadata.Namespace,
        "metadata.uid" => pod.Metadata.Uid,
        "spec.nodeName" => pod.Spec.NodeName,
        "spec.serviceAccountName" => pod.Spec.ServiceAccountName,
        "status.podIP" => pod.Status?.PodIP,
        "status.hostIP" => pod.Status?.HostIP,
        _ => null,
    };
}

namespace Tke.SimCluster.Core;

/// <summary>The defaults Kubernetes fills into a pod spec, shared by pods and pod templates so
/// that a pod created from a template compares equal to the template.</summary>
public static class PodSpecDefaults
{
    public static void Apply(PodSpec spec)
    {
        spec.RestartPolicy ??= "Always";
        spec.DnsPolicy ??= "ClusterFirst";
        spec.SchedulerName ??= "default-scheduler";
        spec.TerminationGracePeriodSeconds ??= 30;
        foreach (var container in spec.Containers.Concat(spec.InitContainers ?? []))
        {
            container.ImagePullPolicy ??= PullPolicyFor(container.Image);
            container.TerminationMessagePath ??= "/dev/termination-log";
            container.TerminationMessagePolicy ??= "File";
            container.Resources ??= new ResourceRequirements();
            foreach (var port in container.Ports ?? [])
            {
                port.Protocol ??= "TCP";
            }
        }
    }

    /// <summary>Always for :latest or untagged images, IfNotPresent otherwise (as Kubernetes).</summary>
    public static string PullPolicyFor(string? image)
    {
        if (string.IsNullOrEmpty(image) || image.Contains('@', StringComparison.Ordinal))
        {
            return "IfNotPresent";
        }

        var lastSegment = image[(image.LastIndexOf('/') + 1)..];
        var colon = lastSegment.LastIndexOf(':');
        return colon < 0 || lastSegment[(colon + 1)..] == "latest" ? "Always" : "IfNotPresent";
    }

    /// <summary>Kubernetes' QoS class: Guaranteed when every container's requests equal its cpu and
    /// memory limits, BestEffort when nothing is requested or limited, Burstable otherwise.</summary>
    public static string QosClass(PodSpec spec)
    {
        var containers = spec.Containers.Concat(spec.InitContainers ?? []).ToList();
        var anySet = containers.Any(c => c.Resources?.Requests is { Count: > 0 } || c.Resources?.Limits is { Count: > 0 });
        if (!anySet)
        {
            return "BestEffort";
        }

        var guaranteed = containers.All(c =>
        {
            var limits = c.Resources?.Limits;
            var requests = c.Resources?.Requests;
            return limits is not null
                && new[] { "cpu", "memory" }.All(r => limits.TryGetValue(r, out var limit)
                    && (requests is null || !requests.TryGetValue(r, out var request) || request == limit));
        });
        return guaranteed ? "Guaranteed" : "Burstable";
    }
}

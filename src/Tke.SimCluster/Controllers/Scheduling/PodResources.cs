using Tke.SimCluster.Core;

namespace Tke.SimCluster.Controllers.Scheduling;

/// <summary>What a pod asks of a node: cpu and memory requests (limits stand in for missing
/// requests, as Kubernetes defaults them) and one pod slot.</summary>
public readonly record struct PodResources(decimal Cpu, decimal Memory)
{
    public static PodResources Of(PodSpec spec)
    {
        var apps = spec.Containers.Select(Of).Aggregate(new PodResources(0, 0), (a, b) => new PodResources(a.Cpu + b.Cpu, a.Memory + b.Memory));

        // Init containers run one at a time before the others: the pod needs the largest of them.
        foreach (var init in (spec.InitContainers ?? []).Select(Of))
        {
            apps = new PodResources(Math.Max(apps.Cpu, init.Cpu), Math.Max(apps.Memory, init.Memory));
        }

        return apps;
    }

    private static PodResources Of(Container container) =>
        new(Request(container, "cpu"), Request(container, "memory"));

    private static decimal Request(Container container, string resource) =>
        container.Resources?.Requests?.TryGetValue(resource, out var request) == true ? ResourceAmount.Of(request)
        : container.Resources?.Limits?.TryGetValue(resource, out var limit) == true ? ResourceAmount.Of(limit)
        : 0;
}

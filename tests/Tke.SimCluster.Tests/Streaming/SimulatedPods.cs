using System.Text.Json.Nodes;
using Tke.ApiMachinery.Objects;
using Tke.SimCluster.Core;
using Tke.SimCluster.Streaming.Pods;

namespace Tke.SimCluster.Tests.Streaming;

/// <summary>Pods and containers as the streaming tests need them.</summary>
public static class SimulatedPods
{
    public static readonly DateTimeOffset Started = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    public static Pod Running(params Container[] containers) => new()
    {
        Metadata = new ObjectMeta { Name = "web-1", Namespace = "shop", Uid = "uid-7" },
        Spec = new PodSpec { Containers = containers.Length > 0 ? [.. containers] : [Web()], NodeName = "sim-node-1" },
        Status = new PodStatus
        {
            Phase = "Running",
            PodIP = "10.244.1.5",
            ContainerStatuses = (containers.Length > 0 ? containers : [Web()]).Select(c => new ContainerStatus
            {
                Name = c.Name,
                State = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = "2025-03-04T05:06:07Z" } },
            }).ToList(),
        },
    };

    public static Container Web() => new()
    {
        Name = "web",
        Image = "nginx:1.25",
        Env = [new EnvVar { Name = "GREETING", Value = "hello world" }, new EnvVar { Name = "POD_NAME", ValueFrom = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = "metadata.name" } } }],
        Ports = [new ContainerPort { Port = 80 }],
    };

    public static SimulatedContainer WebContainer()
    {
        var pod = Running();
        return SimulatedContainer.Of(pod, pod.Spec.Containers[0]);
    }
}

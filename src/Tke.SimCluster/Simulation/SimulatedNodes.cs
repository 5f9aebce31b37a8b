using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Store;
using Tke.ApiServer.Components;
using Tke.SimCluster.Core;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Simulation;

/// <summary>
/// Registers the simulated nodes sim-node-1..N, Ready with fixed capacity, and keeps their Ready
/// condition's heartbeat fresh as a kubelet would, so health checks see live nodes.
/// </summary>
public sealed class SimulatedNodes(int count, TimeSpan? heartbeatInterval = null) : IServerComponent
{
    public const string NamePrefix = "sim-node-";
    public const string KubeletVersion = "v1.30.0-sim";

    private readonly TimeSpan _heartbeat = heartbeatInterval ?? TimeSpan.FromSeconds(10);

    public IReadOnlyList<IAdmissionPlugin> CreateAdmissionPlugins(ServerContext context) => [];

    public async Task<ComponentWiring> StartAsync(ServerContext context, ApiSurface surface, Uri address, CancellationToken cancellationToken)
    {
        var writer = new SystemWriter(surface, context.Catalog, "node:simulated");
        var store = writer.StoreFor("", "nodes");
        var now = context.Clock.GetUtcNow();
        for (var i = 1; i <= count; i++)
        {
            if (!await writer.CreateIfMissingAsync(store, NewNode(i, now), cancellationToken))
            {
                // Restarted on the same data: the node is back and reports Ready again.
                await writer.UpdateStatusAsync<Node>(store, null, NameOf(i), n => n.Status = NewNode(i, now).Status, cancellationToken);
            }
        }

        var logger = context.Logs.CreateLogger("tke.simcluster.nodes");
        _ = KeepAliveAsync(writer, store, context.Clock, logger, context.Stopping);
        return new ComponentWiring();
    }

    public static string NameOf(int index) => NamePrefix + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static Node NewNode(int index, DateTimeOffset now)
    {
        var name = NameOf(index);
        var ip = $"10.0.0.{index % 250 + 1}";
        ResourceList capacity = new(new Dictionary<string, string> { ["cpu"] = "8", ["memory"] = "32Gi", ["pods"] = "110", ["ephemeral-storage"] = "100Gi" });
        return new Node
        {
            Metadata = new ObjectMeta
            {
                Name = name,
                Labels = new Dictionary<string, string>
                {
                    ["kubernetes.io/hostname"] = name,
                    ["kubernetes.io/os"] = "linux",
                    ["kubernetes.io/arch"] = "amd64",
                    ["beta.kubernetes.io/os"] = "linux",
                    ["beta.kubernetes.io/arch"] = "amd64",
                    [SimulatedClusterApi.SimulatedLabel] = "true",
                },
                Annotations = new Dictionary<string, string> { ["node.alpha.kubernetes.io/ttl"] = "0" },
            },
            Spec = new NodeSpec
            {
                PodCIDR = $"10.244.{index % 256}.0/24",
                PodCIDRs = [$"10.244.{index % 256}.0/24"],
                ProviderID = "simulated://" + name,
            },
            Status = new NodeStatus
            {
                Capacity = capacity,
                Allocatable = new ResourceList(capacity),
                Phase = "Running",
                Conditions =
                [
                    Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now),
                    Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now),
                    Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", now),
                    Condition("Ready", "True", "KubeletReady", "simulated kubelet is posting ready status", now),
                ],
                Addresses = [new NodeAddress { Type = "InternalIP", Address = ip }, new NodeAddress { Type = "Hostname", Address = name }],
                NodeInfo = new NodeSystemInfo
                {
                    MachineID = $"sim-{index:D8}",
                    SystemUUID = $"00000000-0000-0000-0000-{index:D12}",
                    BootID = Guid.NewGuid().ToString(),
                    KernelVersion = "simulated",
                    OsImage = "Simulated Linux (no containers run)",
                    ContainerRuntimeVersion = "simulated://1.0",
                    KubeletVersion = KubeletVersion,
                    KubeProxyVersion = KubeletVersion,
                    OperatingSystem = "linux",
                    Architecture = "amd64",
                },
            },
        };
    }

    private static NodeCondition Condition(string type, string status, string reason, string message, DateTimeOffset now) =>
        new() { Type = type, Status = status, Reason = reason, Message = message, LastHeartbeatTime = now, LastTransitionTime = now };

    private async Task KeepAliveAsync(SystemWriter writer, ResourceStore store, TimeProvider clock, ILogger logger, CancellationToken stopping)
    {
        try
        {
            using var timer = new PeriodicTimer(_heartbeat, clock);
            while (await timer.WaitForNextTickAsync(stopping))
            {
                var now = clock.GetUtcNow();
                for (var i = 1; i <= count; i++)
                {
                    try
                    {
                        await writer.UpdateStatusAsync<Node>(store, null, NameOf(i), n => Heartbeat(n, now), stopping);
                    }
                    catch (StatusError e) when (e.Code == 404)
                    {
                        // Deleted by a client (kubectl delete node): a real kubelet would re-register; the simulation lets it go.
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "simulated node heartbeats stopped");
        }
    }

    private static void Heartbeat(Node node, DateTimeOffset now)
    {
        foreach (var condition in node.Status?.Conditions ?? [])
        {
            condition.LastHeartbeatTime = now;
        }
    }
}

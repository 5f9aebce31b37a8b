using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Core;

[Description("Node is a worker node in Kubernetes. In the simulated cluster, nodes are simulated: no kubelet and no containers run.")]
public sealed class Node : ApiObject<NodeSpec, NodeStatus>
{
}

[Description("NodeSpec describes the attributes that a node is created with.")]
public sealed class NodeSpec : ExtensibleObject
{
    [JsonPropertyName("podCIDR"), Description("The pod IP range assigned to the node.")]
    public string? PodCIDR { get; set; }

    [JsonPropertyName("podCIDRs"), ListType(ListKind.Set), Description("The IP ranges assigned to the node for pods.")]
    public List<string>? PodCIDRs { get; set; }

    [JsonPropertyName("providerID"), Description("ID of the node assigned by the cloud provider.")]
    public string? ProviderID { get; set; }

    [JsonPropertyName("unschedulable"), Description("Unschedulable controls node schedulability of new pods (kubectl cordon sets it).")]
    public bool? Unschedulable { get; set; }

    [JsonPropertyName("taints"), Description("If specified, the node's taints.")]
    public List<Taint>? Taints { get; set; }
}

[Description("The node this Taint is attached to has the \"effect\" on any pod that does not tolerate the Taint.")]
public sealed class Taint
{
    [JsonPropertyName("key"), RequiredField, Description("The taint key to be applied to a node.")]
    public string Key { get; set; } = "";

    [JsonPropertyName("value"), Description("The taint value corresponding to the taint key.")]
    public string? Value { get; set; }

    [JsonPropertyName("effect"), RequiredField, Description("The effect of the taint on pods that do not tolerate it: NoSchedule, PreferNoSchedule or NoExecute.")]
    public string Effect { get; set; } = "";

    [JsonPropertyName("timeAdded"), Description("The time at which a NoExecute taint was added.")]
    public DateTimeOffset? TimeAdded { get; set; }
}

[Description("NodeStatus is information about the current status of a node.")]
public sealed class NodeStatus : ExtensibleObject
{
    [JsonPropertyName("capacity"), IntOrString, Description("Capacity represents the total resources of a node.")]
    public ResourceList? Capacity { get; set; }

    [JsonPropertyName("allocatable"), IntOrString, Description("Allocatable represents the resources of a node that are available for scheduling.")]
    public ResourceList? Allocatable { get; set; }

    [JsonPropertyName("phase"), Description("Deprecated: NodePhase is the recently observed lifecycle phase of the node.")]
    public string? Phase { get; set; }

    [JsonPropertyName("conditions"), PatchMergeKey("type"), Description("Conditions is an array of current observed node conditions.")]
    public List<NodeCondition>? Conditions { get; set; }

    [JsonPropertyName("addresses"), PatchMergeKey("type"), Description("List of addresses reachable to the node.")]
    public List<NodeAddress>? Addresses { get; set; }

    [JsonPropertyName("nodeInfo"), Description("Set of ids/uuids to uniquely identify the node.")]
    public NodeSystemInfo? NodeInfo { get; set; }
}

[Description("NodeCondition contains condition information for a node.")]
public sealed class NodeCondition
{
    [JsonPropertyName("type"), RequiredField, Description("Type of node condition: Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable.")]
    public string Type { get; set; } = "";

    [JsonPropertyName("status"), RequiredField, Description("Status of the condition, one of True, False, Unknown.")]
    public string Status { get; set; } = "";

    [JsonPropertyName("lastHeartbeatTime"), Description("Last time we got an update on a given condition.")]
    public DateTimeOffset? LastHeartbeatTime { get; set; }

    [JsonPropertyName("lastTransitionTime"), Description("Last time the condition transit from one status to another.")]
    public DateTimeOffset? LastTransitionTime { get; set; }

    [JsonPropertyName("reason"), Description("(brief) reason for the condition's last transition.")]
    public string? Reason { get; set; }

    [JsonPropertyName("message"), Description("Human readable message indicating details about last transition.")]
    public string? Message { get; set; }
}

[Description("NodeAddress contains information for the node's address.")]
public sealed class NodeAddress
{
    [JsonPropertyName("type"), RequiredField, Description("Node address type, one of Hostname, ExternalIP or InternalIP.")]
    public string Type { get; set; } = "";

    [JsonPropertyName("address"), RequiredField, Description("The node address.")]
    public string Address { get; set; } = "";
}

[Description("NodeSystemInfo is a set of ids/uuids to uniquely identify the node.")]
public sealed class NodeSystemInfo : ExtensibleObject
{
    [JsonPropertyName("machineID"), Description("MachineID reported by the node.")]
    public string? MachineID { get; set; }

    [JsonPropertyName("systemUUID"), Description("SystemUUID reported by the node.")]
    public string? SystemUUID { get; set; }

    [JsonPropertyName("bootID"), Description("Boot ID reported by the node.")]
    public string? BootID { get; set; }

    [JsonPropertyName("kernelVersion"), Description("Kernel Version reported by the node.")]
    public string? KernelVersion { get; set; }

    [JsonPropertyName("osImage"), Description("OS Image reported by the node.")]
    public string? OsImage { get; set; }

    [JsonPropertyName("containerRuntimeVersion"), Description("ContainerRuntime Version reported by the node.")]
    public string? ContainerRuntimeVersion { get; set; }

    [JsonPropertyName("kubeletVersion"), Description("Kubelet Version reported by the node.")]
    public string? KubeletVersion { get; set; }

    [JsonPropertyName("kubeProxyVersion"), Description("Deprecated: KubeProxy Version reported by the node.")]
    public string? KubeProxyVersion { get; set; }

    [JsonPropertyName("operatingSystem"), Description("The Operating System reported by the node.")]
    public string? OperatingSystem { get; set; }

    [JsonPropertyName("architecture"), Description("The Architecture reported by the node.")]
    public string? Architecture { get; set; }
}

using System.ComponentModel;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Core;

[Description("Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.")]
public sealed class Pod : ApiObject<PodSpec, PodStatus>
{
}

[Description("PodSpec is a description of a pod. Fields the simulation does not act on (volumes, affinity, probes, ...) are kept as given.")]
public sealed class PodSpec : ExtensibleObject
{
    [JsonPropertyName("containers"), RequiredField, PatchMergeKey("name"), Description("List of containers belonging to the pod. There must be at least one container in a Pod.")]
    public List<Container> Containers { get; set; } = [];

    [JsonPropertyName("initContainers"), PatchMergeKey("name"), Description("List of initialization containers, run in order before the app containers are started.")]
    public List<Container>? InitContainers { get; set; }

    [JsonPropertyName("nodeName"), Description("A request to schedule this pod onto a specific node. Set by the scheduler when the pod is bound.")]
    public string? NodeName { get; set; }

    [JsonPropertyName("nodeSelector"), Description("A selector which must match a node's labels for the pod to be scheduled on that node.")]
    public Dictionary<string, string>? NodeSelector { get; set; }

    [JsonPropertyName("tolerations"), Description("The pod's tolerations of node taints.")]
    public List<Toleration>? Tolerations { get; set; }

    [JsonPropertyName("restartPolicy"), Description("Restart policy for all containers within the pod: Always, OnFailure or Never. Default to Always.")]
    public string? RestartPolicy { get; set; }

    [JsonPropertyName("schedulerName"), Description("The scheduler that dispatches the pod; default-scheduler when empty.")]
    public string? SchedulerName { get; set; }

    [JsonPropertyName("serviceAccountName"), Description("Name of the ServiceAccount to use to run this pod.")]
    public string? ServiceAccountName { get; set; }

    [JsonPropertyName("terminationGracePeriodSeconds"), Description("Duration in seconds the pod needs to terminate gracefully. Defaults to 30 seconds.")]
    public long? TerminationGracePeriodSeconds { get; set; }

    [JsonPropertyName("dnsPolicy"), Description("DNS policy for the pod: ClusterFirstWithHostNet, ClusterFirst, Default or None. Defaults to ClusterFirst.")]
    public string? DnsPolicy { get; set; }

    [JsonPropertyName("hostNetwork"), Description("Host networking requested for this pod.")]
    public bool? HostNetwork { get; set; }

    [JsonPropertyName("priority"), Description("The priority value, filled in from priorityClassName.")]
    public int? Priority { get; set; }
}

[Description("A single application container that you want to run within a pod.")]
public sealed class Container : ExtensibleObject
{
    [JsonPropertyName("name"), RequiredField, Description("Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name.")]
    public string Name { get; set; } = "";

    [JsonPropertyName("image"), Description("Container image name.")]
    public string? Image { get; set; }

    [JsonPropertyName("command"), Description("Entrypoint array. Not executed within a shell.")]
    public List<string>? Command { get; set; }

    [JsonPropertyName("args"), Description("Arguments to the entrypoint.")]
    public List<string>? Args { get; set; }

    [JsonPropertyName("env"), PatchMergeKey("name"), Description("List of environment variables to set in the container.")]
    public List<EnvVar>? Env { get; set; }

    [JsonPropertyName("ports"), PatchMergeKey("containerPort"), Description("List of ports to expose from the container.")]
    public List<ContainerPort>? Ports { get; set; }

    [JsonPropertyName("resources"), Description("Compute resources required by this container.")]
    public ResourceRequirements? Resources { get; set; }

    [JsonPropertyName("imagePullPolicy"), Description("Image pull policy: Always, Never or IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise.")]
    public string? ImagePullPolicy { get; set; }

    [JsonPropertyName("terminationMessagePath"), Description("Path at which the file to which the container's termination message will be written is mounted. Defaults to /dev/termination-log.")]
    public string? TerminationMessagePath { get; set; }

    [JsonPropertyName("terminationMessagePolicy"), Description("How the termination message should be populated: File or FallbackToLogsOnError. Defaults to File.")]
    public string? TerminationMessagePolicy { get; set; }
}

[Description("EnvVar represents an environment variable present in a Container.")]
public sealed class EnvVar
{
    [JsonPropertyName("name"), RequiredField, Description("Name of the environment variable.")]
    public string Name { get; set; } = "";

    [JsonPropertyName("value"), Description("Value of the variable; $(VAR_NAME) references are expanded.")]
    public string? Value { get; set; }

    [JsonPropertyName("valueFrom"), Description("Source for the environment variable's value (a field, resource, ConfigMap key or Secret key).")]
    public JsonObject? ValueFrom { get; set; }
}

[Description("ContainerPort represents a network port in a single container.")]
public sealed class ContainerPort
{
    [JsonPropertyName("name"), Description("An IANA_SVC_NAME that can be referred to by services.")]
    public string? Name { get; set; }

    [JsonPropertyName("containerPort"), RequiredField, Description("Number of port to expose on the pod's IP address.")]
    public int Port { get; set; }

    [JsonPropertyName("hostPort"), Description("Number of port to expose on the host.")]
    public int? HostPort { get; set; }

    [JsonPropertyName("hostIP"), Description("What host IP to bind the external port to.")]
    public string? HostIP { get; set; }

    [JsonPropertyName("protocol"), Description("Protocol for port: UDP, TCP, or SCTP. Defaults to TCP.")]
    public string? Protocol { get; set; }
}

[Description("ResourceRequirements describes the compute resource requirements.")]
public sealed class ResourceRequirements : ExtensibleObject
{
    [JsonPropertyName("limits"), IntOrString, Description("Limits describes the maximum amount of compute resources allowed.")]
    public ResourceList? Limits { get; set; }

    [JsonPropertyName("requests"), IntOrString, Description("Requests describes the minimum amount of compute resources required; defaults to limits when omitted.")]
    public ResourceList? Requests { get; set; }
}

[Description("The pod this Toleration is attached to tolerates any taint that matches the triple <key,value,effect> using the matching operator <operator>.")]
public sealed class Toleration
{
    [JsonPropertyName("key"), Description("Taint key that the toleration applies to. Empty means match all taint keys.")]
    public string? Key { get; set; }

    [JsonPropertyName("operator"), Description("Exists or Equal. Defaults to Equal.")]
    public string? Operator { get; set; }

    [JsonPropertyName("value"), Description("Taint value the toleration matches to.")]
    public string? Value { get; set; }

    [JsonPropertyName("effect"), Description("Taint effect to match: NoSchedule, PreferNoSchedule or NoExecute. Empty means match all.")]
    public string? Effect { get; set; }

    [JsonPropertyName("tolerationSeconds"), Description("How long a NoExecute taint is tolerated before eviction.")]
    public long? TolerationSeconds { get; set; }
}

[Description("PodStatus represents information about the status of a pod.")]
public sealed class PodStatus : ExtensibleObject
{
    [JsonPropertyName("phase"), Description("Pending, Running, Succeeded, Failed or Unknown.")]
    public string? Phase { get; set; }

    [JsonPropertyName("conditions"), PatchMergeKey("type"), Description("Current service state of pod.")]
    public List<PodCondition>? Conditions { get; set; }

    [JsonPropertyName("message"), Description("A human readable message indicating details about why the pod is in this condition.")]
    public string? Message { get; set; }

    [JsonPropertyName("reason"), Description("A brief CamelCase message indicating details about why the pod is in this state, e.g. 'Evicted'.")]
    public string? Reason { get; set; }

    [JsonPropertyName("hostIP"), Description("IP address of the host to which the pod is assigned.")]
    public string? HostIP { get; set; }

    [JsonPropertyName("podIP"), Description("IP address allocated to the pod.")]
    public string? PodIP { get; set; }

    [JsonPropertyName("podIPs"), PatchMergeKey("ip"), Description("IP addresses allocated to the pod.")]
    public List<PodIP>? PodIPs { get; set; }

    [JsonPropertyName("startTime"), Description("Time at which the pod was acknowledged by the kubelet.")]
    public DateTimeOffset? StartTime { get; set; }

    [JsonPropertyName("containerStatuses"), Description("The status of each app container in the pod.")]
    public List<ContainerStatus>? ContainerStatuses { get; set; }

    [JsonPropertyName("initContainerStatuses"), Description("The status of each init container in the pod.")]
    public List<ContainerStatus>? InitContainerStatuses { get; set; }

    [JsonPropertyName("qosClass"), Description("Quality of Service class: Guaranteed, Burstable or BestEffort.")]
    public string? QosClass { get; set; }

    [JsonPropertyName("nominatedNodeName"), Description("Node the scheduler nominated for this pod after preemption.")]
    public string? NominatedNodeName { get; set; }
}

[Description("An IP address allocated to the pod.")]
public sealed class PodIP
{
    [JsonPropertyName("ip"), Description("An IP address.")]
    public string Ip { get; set; } = "";
}

[Description("PodCondition contains details for the current condition of this pod.")]
public sealed class PodCondition
{
    [JsonPropertyName("type"), RequiredField, Description("Type of the condition: PodScheduled, Initialized, ContainersReady, Ready and others.")]
    public string Type { get; set; } = "";

    [JsonPropertyName("status"), RequiredField, Description("Status of the condition: True, False or Unknown.")]
    public string Status { get; set; } = "";

    [JsonPropertyName("lastProbeTime"), Description("Last time we probed the condition.")]
    public DateTimeOffset? LastProbeTime { get; set; }

    [JsonPropertyName("lastTransitionTime"), Description("Last time the condition transitioned from one status to another.")]
    public DateTimeOffset? LastTransitionTime { get; set; }

    [JsonPropertyName("reason"), Description("Unique, one-word, CamelCase reason for the condition's last transition.")]
    public string? Reason { get; set; }

    [JsonPropertyName("message"), Description("Human-readable message indicating details about last transition.")]
    public string? Message { get; set; }
}

[Description("ContainerStatus contains details for the current status of this container.")]
public sealed class ContainerStatus : ExtensibleObject
{
    [JsonPropertyName("name"), Description("Name of the container, as in the pod spec.")]
    public string Name { get; set; } = "";

    [JsonPropertyName("image"), Description("The image the container is running.")]
    public string? Image { get; set; }

    [JsonPropertyName("imageID"), Description("The image ID of the container's image.")]
    public string? ImageID { get; set; }

    [JsonPropertyName("containerID"), Description("The ID of the container in the format '<type>://<container_id>'.")]
    public string? ContainerID { get; set; }

    [JsonPropertyName("ready"), Description("Whether the container is currently passing its readiness check.")]
    public bool Ready { get; set; }

    [JsonPropertyName("started"), Description("Whether the container has finished its postStart lifecycle hook and passed its startup probe.")]
    public bool? Started { get; set; }

    [JsonPropertyName("restartCount"), Description("The number of times the container has been restarted.")]
    public int RestartCount { get; set; }

    [JsonPropertyName("state"), Description("Details about the container's current condition: waiting, running or terminated.")]
    public JsonObject? State { get; set; }

    [JsonPropertyName("lastState"), Description("Details about the container's last termination condition.")]
    public JsonObject? LastState { get; set; }
}

[Description("PodTemplateSpec describes the data a pod should have when created from a template.")]
public sealed class PodTemplateSpec
{
    [JsonPropertyName("metadata"), Description("Standard object's metadata.")]
    public ObjectMeta? Metadata { get; set; }

    [JsonPropertyName("spec"), Description("Specification of the desired behavior of the pod.")]
    public PodSpec? Spec { get; set; }
}

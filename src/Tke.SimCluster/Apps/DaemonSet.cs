using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.SimCluster.Core;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Apps;

[Description("DaemonSet represents the configuration of a daemon set.")]
public sealed class DaemonSet : ApiObject<DaemonSetSpec, DaemonSetStatus>
{
}

[Description("DaemonSetSpec is the specification of a daemon set.")]
public sealed class DaemonSetSpec : ExtensibleObject
{
    [JsonPropertyName("selector"), RequiredField, Description("A label query over pods that are managed by the daemon set. It must match the pod template's labels.")]
    public LabelSelector? Selector { get; set; }

    [JsonPropertyName("template"), RequiredField, Description("An object that describes the pod that will be created on every eligible node.")]
    public PodTemplateSpec Template { get; set; } = new();

    [JsonPropertyName("updateStrategy"), Description("An update strategy to replace existing DaemonSet pods with new pods.")]
    public System.Text.Json.Nodes.JsonObject? UpdateStrategy { get; set; }

    [JsonPropertyName("minReadySeconds"), Description("The minimum number of seconds for which a newly created DaemonSet pod should be ready to be considered available.")]
    public int? MinReadySeconds { get; set; }

    [JsonPropertyName("revisionHistoryLimit"), Description("The number of old history to retain to allow rollback. Defaults to 10.")]
    public int? RevisionHistoryLimit { get; set; }
}

[Description("DaemonSetStatus represents the current status of a daemon set.")]
public sealed class DaemonSetStatus : ExtensibleObject
{
    [JsonPropertyName("currentNumberScheduled"), Description("The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.")]
    public int CurrentNumberScheduled { get; set; }

    [JsonPropertyName("numberMisscheduled"), Description("The number of nodes that are running the daemon pod, but are not supposed to run the daemon pod.")]
    public int NumberMisscheduled { get; set; }

    [JsonPropertyName("desiredNumberScheduled"), Description("The total number of nodes that should be running the daemon pod.")]
    public int DesiredNumberScheduled { get; set; }

    [JsonPropertyName("numberReady"), Description("The number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.")]
    public int NumberReady { get; set; }

    [JsonPropertyName("observedGeneration"), Description("The most recent generation observed by the daemon set controller.")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("updatedNumberScheduled"), Description("The total number of nodes that are running updated daemon pod.")]
    public int? UpdatedNumberScheduled { get; set; }

    [JsonPropertyName("numberAvailable"), Description("The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.")]
    public int? NumberAvailable { get; set; }

    [JsonPropertyName("numberUnavailable"), Description("The number of nodes that should be running the daemon pod and have none of the daemon pod running and available.")]
    public int? NumberUnavailable { get; set; }

    [JsonPropertyName("collisionCount"), Description("Count of hash collisions for the DaemonSet.")]
    public int? CollisionCount { get; set; }

    [JsonPropertyName("conditions"), PatchMergeKey("type"), Description("Represents the latest available observations of a DaemonSet's current state.")]
    public List<WorkloadCondition>? Conditions { get; set; }
}

using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.SimCluster.Core;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Apps;

[Description("ReplicaSet ensures that a specified number of pod replicas are running at any given time.")]
public sealed class ReplicaSet : ApiObject<ReplicaSetSpec, ReplicaSetStatus>
{
}

[Description("ReplicaSetSpec is the specification of a ReplicaSet.")]
public sealed class ReplicaSetSpec : ExtensibleObject
{
    [JsonPropertyName("replicas"), Description("Replicas is the number of desired replicas. Defaults to 1.")]
    public int? Replicas { get; set; }

    [JsonPropertyName("minReadySeconds"), Description("Minimum number of seconds for which a newly created pod should be ready to be considered available.")]
    public int? MinReadySeconds { get; set; }

    [JsonPropertyName("selector"), RequiredField, Description("Selector is a label query over pods that should match the replica count.")]
    public LabelSelector? Selector { get; set; }

    [JsonPropertyName("template"), Description("Template is the object that describes the pod that will be created if insufficient replicas are detected.")]
    public PodTemplateSpec? Template { get; set; }
}

[Description("ReplicaSetStatus represents the current status of a ReplicaSet.")]
public sealed class ReplicaSetStatus : ExtensibleObject
{
    [JsonPropertyName("replicas"), Description("Replicas is the most recently observed number of replicas.")]
    public int Replicas { get; set; }

    [JsonPropertyName("fullyLabeledReplicas"), Description("The number of pods that have labels matching the labels of the pod template of the replicaset.")]
    public int? FullyLabeledReplicas { get; set; }

    [JsonPropertyName("readyReplicas"), Description("The number of pods targeted by this ReplicaSet with a Ready Condition.")]
    public int? ReadyReplicas { get; set; }

    [JsonPropertyName("availableReplicas"), Description("The number of available pods (ready for at least minReadySeconds) for this replica set.")]
    public int? AvailableReplicas { get; set; }

    [JsonPropertyName("observedGeneration"), Description("ObservedGeneration reflects the generation of the most recently observed ReplicaSet.")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("conditions"), PatchMergeKey("type"), Description("Represents the latest available observations of a replica set's current state.")]
    public List<WorkloadCondition>? Conditions { get; set; }
}

using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.SimCluster.Core;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Apps;

[Description("StatefulSet represents a set of pods with consistent identities.")]
public sealed class StatefulSet : ApiObject<StatefulSetSpec, StatefulSetStatus>
{
}

[Description("A StatefulSetSpec is the specification of a StatefulSet. Volume claim templates, ordinals and retention policies are kept as given.")]
public sealed class StatefulSetSpec : ExtensibleObject
{
    [JsonPropertyName("replicas"), Description("The desired number of replicas of the given Template. Defaults to 1.")]
    public int? Replicas { get; set; }

    [JsonPropertyName("selector"), RequiredField, Description("A label query over pods that should match the replica count. It must match the pod template's labels.")]
    public LabelSelector? Selector { get; set; }

    [JsonPropertyName("template"), RequiredField, Description("The object that describes the pod that will be created if insufficient replicas are detected.")]
    public PodTemplateSpec Template { get; set; } = new();

    [JsonPropertyName("serviceName"), Description("The name of the service that governs this StatefulSet.")]
    public string? ServiceName { get; set; }

    [JsonPropertyName("podManagementPolicy"), Description("OrderedReady (default) or Parallel.")]
    public string? PodManagementPolicy { get; set; }

    [JsonPropertyName("updateStrategy"), Description("The strategy used to update pods when a revision is made to the template.")]
    public System.Text.Json.Nodes.JsonObject? UpdateStrategy { get; set; }

    [JsonPropertyName("revisionHistoryLimit"), Description("The maximum number of revisions that will be maintained in the StatefulSet's revision history. Defaults to 10.")]
    public int? RevisionHistoryLimit { get; set; }

    [JsonPropertyName("minReadySeconds"), Description("Minimum number of seconds for which a newly created pod should be ready to be considered available.")]
    public int? MinReadySeconds { get; set; }
}

[Description("StatefulSetStatus represents the current state of a StatefulSet.")]
public sealed class StatefulSetStatus : ExtensibleObject
{
    [JsonPropertyName("observedGeneration"), Description("The most recent generation observed for this StatefulSet.")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("replicas"), Description("The number of Pods created by the StatefulSet controller.")]
    public int Replicas { get; set; }

    [JsonPropertyName("readyReplicas"), Description("The number of pods created for this StatefulSet with a Ready Condition.")]
    public int? ReadyReplicas { get; set; }

    [JsonPropertyName("currentReplicas"), Description("The number of Pods created by the StatefulSet controller from the currentRevision.")]
    public int? CurrentReplicas { get; set; }

    [JsonPropertyName("updatedReplicas"), Description("The number of Pods created by the StatefulSet controller from the updateRevision.")]
    public int? UpdatedReplicas { get; set; }

    [JsonPropertyName("availableReplicas"), Description("Total number of available pods targeted by this statefulset.")]
    public int? AvailableReplicas { get; set; }

    [JsonPropertyName("currentRevision"), Description("The version of the StatefulSet used to generate Pods in the sequence [0,currentReplicas).")]
    public string? CurrentRevision { get; set; }

    [JsonPropertyName("updateRevision"), Description("The version of the StatefulSet used to generate Pods in the sequence [replicas-updatedReplicas,replicas).")]
    public string? UpdateRevision { get; set; }

    [JsonPropertyName("collisionCount"), Description("The count of hash collisions for the StatefulSet.")]
    public int? CollisionCount { get; set; }

    [JsonPropertyName("conditions"), PatchMergeKey("type"), Description("Represents the latest available observations of a statefulset's current state.")]
    public List<WorkloadCondition>? Conditions { get; set; }
}

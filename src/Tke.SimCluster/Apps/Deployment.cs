using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.SimCluster.Core;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Apps;

[Description("Deployment enables declarative updates for Pods and ReplicaSets.")]
public sealed class Deployment : ApiObject<DeploymentSpec, DeploymentStatus>
{
}

[Description("DeploymentSpec is the specification of the desired behavior of the Deployment.")]
public sealed class DeploymentSpec : ExtensibleObject
{
    [JsonPropertyName("replicas"), Description("Number of desired pods. Defaults to 1.")]
    public int? Replicas { get; set; }

    [JsonPropertyName("selector"), RequiredField, Description("Label selector for pods. It must match the pod template's labels.")]
    public LabelSelector? Selector { get; set; }

    [JsonPropertyName("template"), RequiredField, Description("Template describes the pods that will be created.")]
    public PodTemplateSpec Template { get; set; } = new();

    [JsonPropertyName("strategy"), Description("The deployment strategy to use to replace existing pods with new ones.")]
    public DeploymentStrategy? Strategy { get; set; }

    [JsonPropertyName("minReadySeconds"), Description("Minimum number of seconds for which a newly created pod should be ready to be considered available.")]
    public int? MinReadySeconds { get; set; }

    [JsonPropertyName("revisionHistoryLimit"), Description("The number of old ReplicaSets to retain to allow rollback. Defaults to 10.")]
    public int? RevisionHistoryLimit { get; set; }

    [JsonPropertyName("paused"), Description("Indicates that the deployment is paused.")]
    public bool? Paused { get; set; }

    [JsonPropertyName("progressDeadlineSeconds"), Description("The maximum time in seconds for a deployment to make progress before it is considered failed. Defaults to 600s.")]
    public int? ProgressDeadlineSeconds { get; set; }
}

[Description("DeploymentStrategy describes how to replace existing pods with new ones.")]
public sealed class DeploymentStrategy
{
    [JsonPropertyName("type"), Description("Type of deployment: Recreate or RollingUpdate. Default is RollingUpdate.")]
    public string? Type { get; set; }

    [JsonPropertyName("rollingUpdate"), Description("Rolling update config params. Present only if type is RollingUpdate.")]
    public RollingUpdateDeployment? RollingUpdate { get; set; }
}

[Description("Spec to control the desired behavior of rolling update.")]
public sealed class RollingUpdateDeployment
{
    [JsonPropertyName("maxUnavailable"), IntOrString, Description("The maximum number of pods that can be unavailable during the update (number or percentage). Defaults to 25%.")]
    public IntOrString? MaxUnavailable { get; set; }

    [JsonPropertyName("maxSurge"), IntOrString, Description("The maximum number of pods that can be scheduled above the desired number of pods (number or percentage). Defaults to 25%.")]
    public IntOrString? MaxSurge { get; set; }
}

[Description("DeploymentStatus is the most recently observed status of the Deployment.")]
public sealed class DeploymentStatus : ExtensibleObject
{
    [JsonPropertyName("observedGeneration"), Description("The generation observed by the deployment controller.")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("replicas"), Description("Total number of non-terminated pods targeted by this deployment (their labels match the selector).")]
    public int? Replicas { get; set; }

    [JsonPropertyName("updatedReplicas"), Description("Total number of non-terminated pods targeted by this deployment that have the desired template spec.")]
    public int? UpdatedReplicas { get; set; }

    [JsonPropertyName("readyReplicas"), Description("Number of pods targeted by this Deployment with a Ready Condition.")]
    public int? ReadyReplicas { get; set; }

    [JsonPropertyName("availableReplicas"), Description("Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.")]
    public int? AvailableReplicas { get; set; }

    [JsonPropertyName("unavailableReplicas"), Description("Total number of unavailable pods targeted by this deployment.")]
    public int? UnavailableReplicas { get; set; }

    [JsonPropertyName("conditions"), PatchMergeKey("type"), Description("Represents the latest available observations of a deployment's current state.")]
    public List<WorkloadCondition>? Conditions { get; set; }

    [JsonPropertyName("collisionCount"), Description("Count of hash collisions for the Deployment, used to avoid ReplicaSet name collisions.")]
    public int? CollisionCount { get; set; }
}

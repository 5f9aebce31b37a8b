using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Tke.SimCluster.Shared;

/// <summary>The condition shape of workloads (Deployment, ReplicaSet, StatefulSet, DaemonSet, Job).</summary>
[Description("Describes the state of a workload at a certain point.")]
public sealed class WorkloadCondition
{
    [JsonPropertyName("type"), Description("Type of condition, e.g. Available, Progressing, Complete, Failed.")]
    public string Type { get; set; } = "";

    [JsonPropertyName("status"), Description("Status of the condition, one of True, False, Unknown.")]
    public string Status { get; set; } = "";

    [JsonPropertyName("lastProbeTime"), Description("Last time the condition was checked.")]
    public DateTimeOffset? LastProbeTime { get; set; }

    [JsonPropertyName("lastUpdateTime"), Description("The last time this condition was updated.")]
    public DateTimeOffset? LastUpdateTime { get; set; }

    [JsonPropertyName("lastTransitionTime"), Description("Last time the condition transitioned from one status to another.")]
    public DateTimeOffset? LastTransitionTime { get; set; }

    [JsonPropertyName("reason"), Description("The reason for the condition's last transition.")]
    public string? Reason { get; set; }

    [JsonPropertyName("message"), Description("A human readable message indicating details about the transition.")]
    public string? Message { get; set; }
}

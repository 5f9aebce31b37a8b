using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Platform.Apis.Shared;

/// <summary>One observed condition of a cluster or machine (TKEStack's ClusterCondition/MachineCondition share this shape).</summary>
[Description("Details of one condition of the object, e.g. whether a setup step has completed.")]
public sealed class Condition
{
    [JsonPropertyName("type"), RequiredField, Description("Type of the condition, e.g. EnsureKubeadm or HealthCheck.")]
    public string Type { get; set; } = "";

    [JsonPropertyName("status"), RequiredField, AllowedValues(ConditionStatus.True, ConditionStatus.False, ConditionStatus.Unknown), Description("Status of the condition: True, False or Unknown.")]
    public string Status { get; set; } = ConditionStatus.Unknown;

    [JsonPropertyName("lastProbeTime"), Description("Last time the condition was probed.")]
    public DateTimeOffset? LastProbeTime { get; set; }

    [JsonPropertyName("lastTransitionTime"), Description("Last time the condition changed from one status to another.")]
    public DateTimeOffset? LastTransitionTime { get; set; }

    [JsonPropertyName("reason"), Description("One-word CamelCase reason for the last transition.")]
    public string? Reason { get; set; }

    [JsonPropertyName("message"), Description("Human-readable details about the last transition.")]
    public string? Message { get; set; }
}

/// <summary>Values of <see cref="Condition.Status"/>.</summary>
public static class ConditionStatus
{
    public const string True = "True";
    public const string False = "False";
    public const string Unknown = "Unknown";
}

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Platform.Apis.Shared;

/// <summary>Kubernetes' core/v1 Taint, applied to the node a machine becomes.</summary>
[Description("A taint the node repels pods with unless they tolerate it.")]
public sealed class Taint
{
    [JsonPropertyName("key"), RequiredField, Description("Taint key, a qualified name such as dedicated or example.com/gpu.")]
    public string Key { get; set; } = "";

    [JsonPropertyName("value"), Description("Taint value.")]
    public string? Value { get; set; }

    [JsonPropertyName("effect"), RequiredField, AllowedValues("NoSchedule", "PreferNoSchedule", "NoExecute"), Description("Effect on pods that do not tolerate the taint: NoSchedule, PreferNoSchedule or NoExecute.")]
    public string Effect { get; set; } = "";

    [JsonPropertyName("timeAdded"), Description("Time the taint was added (NoExecute taints only).")]
    public DateTimeOffset? TimeAdded { get; set; }
}

using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Tke.Auth.Apis.PolicyBindings;

[Description("Observed state of a policy binding.")]
public sealed class BindingStatus
{
    [JsonPropertyName("phase"), Description("Lifecycle phase: Active or Terminating.")]
    public string Phase { get; set; } = "";
}

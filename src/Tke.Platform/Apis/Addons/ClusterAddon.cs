using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Platform.Apis.Addons;

[Description("ClusterAddon is a read-only summary of one add-on installed in a cluster (its type, level, version and phase), as listed on the console's extension-components page.")]
public sealed class ClusterAddon : ApiObject<ClusterAddonSpec, ClusterAddonStatus>
{
}

[Description("Which add-on this is.")]
public sealed class ClusterAddonSpec
{
    [JsonPropertyName("type"), RequiredField, Description("Add-on type, e.g. TappController, CronHPA, PersistentEvent, Prometheus, LogAgent.")]
    public string? Type { get; set; }

    [JsonPropertyName("level"), AllowedValues(AddonLevels.Basic, AddonLevels.Enhance), Description("Basic or Enhance.")]
    public string? Level { get; set; }

    [JsonPropertyName("version"), Description("Version of the add-on.")]
    public string? Version { get; set; }
}

[Description("Observed state of the add-on.")]
public sealed class ClusterAddonStatus
{
    [JsonPropertyName("version"), Description("Version currently installed.")]
    public string? Version { get; set; }

    [JsonPropertyName("phase"), Description("Lifecycle phase of the add-on.")]
    public string? Phase { get; set; }

    [JsonPropertyName("reason"), Description("Brief CamelCase reason for a failure.")]
    public string? Reason { get; set; }
}

/// <summary>Values of <see cref="ClusterAddonSpec.Level"/>.</summary>
public static class AddonLevels
{
    public const string Basic = "Basic";
    public const string Enhance = "Enhance";
}

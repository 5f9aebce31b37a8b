using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Registry.Apis.Charts;

/// <summary>A Helm chart; metadata.namespace is the name of the ChartGroup object holding it.</summary>
[Description("A Helm chart (all its versions) in a chart repository; metadata.namespace is the ChartGroup object's name.")]
public sealed class Chart : ApiObject<ChartSpec, ChartStatus>
{
}

[Description("Name and visibility of a chart.")]
public sealed class ChartSpec
{
    [JsonPropertyName("name"), RequiredField, MinLength(1), Description("Chart name; cannot be changed.")]
    public string Name { get; set; } = "";

    [JsonPropertyName("tenantID"), Description("Tenant owning the chart.")]
    public string TenantId { get; set; } = "";

    [JsonPropertyName("chartGroupName"), RequiredField, MinLength(1), Description("spec.name of the chart repository holding the chart; cannot be changed.")]
    public string ChartGroupName { get; set; } = "";

    [JsonPropertyName("displayName"), Description("Name shown in the console.")]
    public string? DisplayName { get; set; }

    [JsonPropertyName("visibility"), AllowedValues(Visibilities.Public, Visibilities.User, Visibilities.Project, Visibilities.Private), Description("Normally that of its repository.")]
    public string? Visibility { get; set; }

    [JsonPropertyName("finalizers"), Description("Tokens that must be cleared before the chart is removed from storage.")]
    public List<string>? Finalizers { get; set; }
}

[Description("Observed state of a chart.")]
public sealed class ChartStatus
{
    [JsonPropertyName("locked"), Description("True while the chart is locked.")]
    public bool? Locked { get; set; }

    [JsonPropertyName("pullCount"), Description("Number of downloads.")]
    public int PullCount { get; set; }

    [JsonPropertyName("versions"), PatchMergeKey("version"), Description("Pushed versions.")]
    public List<ChartVersion>? Versions { get; set; }

    [JsonPropertyName("phase"), Description("Pending, Available, Failed or Terminating.")]
    public string Phase { get; set; } = "";

    [JsonPropertyName("lastTransitionTime"), Description("Last time the phase changed.")]
    public DateTimeOffset? LastTransitionTime { get; set; }

    [JsonPropertyName("reason"), Description("Reason for the last transition.")]
    public string? Reason { get; set; }

    [JsonPropertyName("message"), Description("Human-readable details of the last transition.")]
    public string? Message { get; set; }
}

[Description("One pushed version of a chart.")]
public sealed class ChartVersion
{
    [JsonPropertyName("version"), Description("Chart version.")]
    public string? Version { get; set; }

    [JsonPropertyName("chartSize"), Description("Size of the chart archive in bytes.")]
    public long? ChartSize { get; set; }

    [JsonPropertyName("timeCreated"), Description("Time the version was pushed.")]
    public DateTimeOffset? TimeCreated { get; set; }

    [JsonPropertyName("description"), Description("Chart description.")]
    public string? Description { get; set; }

    [JsonPropertyName("appVersion"), Description("Version of the packaged application.")]
    public string? AppVersion { get; set; }

    [JsonPropertyName("icon"), Description("Icon URL.")]
    public string? Icon { get; set; }

    [JsonPropertyName("digest"), Description("sha256 of the chart archive (hex), as in the repository's index.yaml.")]
    public string? Digest { get; set; }
}

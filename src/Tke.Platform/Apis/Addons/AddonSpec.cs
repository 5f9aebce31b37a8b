using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Platform.Apis.Addons;

/// <summary>What every add-on kind asks for: which cluster to install into, for which tenant, at which version.</summary>
[Description("Desired state of an add-on installed into one cluster.")]
public class AddonSpec
{
    [JsonPropertyName("tenantID"), Description("Tenant that owns the add-on.")]
    public string? TenantID { get; set; }

    [JsonPropertyName("clusterName"), RequiredField, Description("Name (ID) of the cluster the add-on is installed into.")]
    public string? ClusterName { get; set; }

    [JsonPropertyName("version"), Description("Version of the add-on to install; the latest when empty.")]
    public string? Version { get; set; }
}

/// <summary>The progress every add-on controller reports.</summary>
[Description("Observed state of an add-on.")]
public class AddonStatus
{
    [JsonPropertyName("version"), Description("Version currently installed.")]
    public string? Version { get; set; }

    [JsonPropertyName("phase"), AllowedValues(AddonPhases.Initializing, AddonPhases.Reinitializing, AddonPhases.Checking, AddonPhases.Running, AddonPhases.Upgrading, AddonPhases.Failed, AddonPhases.Pending, AddonPhases.Unhealthy, AddonPhases.Terminating, AddonPhases.Unknown), Description("Lifecycle phase: Initializing, Reinitializing, Checking, Running, Upgrading, Failed, Pending, Unhealthy, Terminating or Unknown.")]
    public string? Phase { get; set; }

    [JsonPropertyName("reason"), Description("Brief CamelCase reason for a failure.")]
    public string? Reason { get; set; }

    [JsonPropertyName("retryCount"), Range(0, 5), Description("Number of times initialization has been retried (0-5).")]
    public int RetryCount { get; set; }

    [JsonPropertyName("lastReInitializingTimestamp"), Description("Last time initialization was retried.")]
    public DateTimeOffset? LastReInitializingTimestamp { get; set; }
}

/// <summary>Values of <see cref="AddonStatus.Phase"/>.</summary>
public static class AddonPhases
{
    public const string Initializing = "Initializing";
    public const string Reinitializing = "Reinitializing";
    public const string Checking = "Checking";
    public const string Running = "Running";
    public const string Upgrading = "Upgrading";
    public const string Failed = "Failed";
    public const string Pending = "Pending";
    public const string Unhealthy = "Unhealthy";
    public const string Terminating = "Terminating";
    public const string Unknown = "Unknown";
}

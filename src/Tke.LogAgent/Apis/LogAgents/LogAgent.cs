using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.LogAgent.Apis.LogAgents;

[Description("The log collection add-on of one cluster; collection rules (LogCollector) live in the cluster itself.")]
public sealed class LogAgent : ApiObject<LogAgentSpec, LogAgentStatus>
{
}

[Description("Which cluster gets the add-on, at which version.")]
public sealed class LogAgentSpec
{
    [JsonPropertyName("tenantID"), Description("Tenant owning the add-on; cannot be changed.")]
    public string TenantId { get; set; } = "";

    [JsonPropertyName("clusterName"), RequiredField, MinLength(1), Description("Cluster the add-on is installed in; cannot be changed.")]
    public string ClusterName { get; set; } = "";

    [JsonPropertyName("version"), Description("Add-on version to install (defaults to 1.0.0).")]
    public string? Version { get; set; }
}

[Description("Observed state of the add-on.")]
public sealed class LogAgentStatus
{
    [JsonPropertyName("version"), Description("Installed version.")]
    public string? Version { get; set; }

    [JsonPropertyName("phase"), Description("Initializing, Reinitializing, Checking, Running, Upgrading or Failed.")]
    public string? Phase { get; set; }

    [JsonPropertyName("reason"), Description("Brief CamelCase reason for a failure.")]
    public string? Reason { get; set; }

    [JsonPropertyName("retryCount"), Description("Number of initialization retries so far (0-5).")]
    public int RetryCount { get; set; }

    [JsonPropertyName("lastReInitializingTimestamp"), Description("Last time initialization was retried.")]
    public DateTimeOffset? LastReInitializingTimestamp { get; set; }
}

public static class LogAgentPhases
{
    public const string Initializing = "Initializing";
    public const string Reinitializing = "Reinitializing";
    public const string Checking = "Checking";
    public const string Running = "Running";
    public const string Upgrading = "Upgrading";
    public const string Failed = "Failed";
}

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Application.Apis.Apps;

/// <summary>A Helm release managed by the platform; metadata.namespace is the target cluster's ID.</summary>
[Description("A Helm application (release) installed into a cluster from a chart repository; metadata.namespace is the target cluster ID.")]
public sealed class App : ApiObject<AppSpec, AppStatus>
{
}

[Description("Where and what to install.")]
public sealed class AppSpec
{
    [JsonPropertyName("type"), Description("Release type; only \"HelmV3\" (the default).")]
    public string Type { get; set; } = "";

    [JsonPropertyName("tenantID"), Description("Tenant owning the app; cannot be changed.")]
    public string TenantId { get; set; } = "";

    [JsonPropertyName("name"), RequiredField, StringLength(63, MinimumLength = 1), RegularExpression("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    [Description("Release name: 1-63 lowercase letters, digits or '-', starting with a letter and ending with a letter or digit; cannot be changed.")]
    public string Name { get; set; } = "";

    [JsonPropertyName("targetCluster"), Description("ID of the cluster to install into (defaults to metadata.namespace); cannot be changed.")]
    public string TargetCluster { get; set; } = "";

    [JsonPropertyName("targetNamespace"), StringLength(63), RegularExpression("^([a-z0-9]([-a-z0-9]*[a-z0-9])?)?$"), Description("Kubernetes namespace in the target cluster.")]
    public string TargetNamespace { get; set; } = "";

    [JsonPropertyName("chart"), Description("The chart to install.")]
    public AppChart Chart { get; set; } = new();

    [JsonPropertyName("values"), Description("Values for the chart.")]
    public AppValues? Values { get; set; }

    [JsonPropertyName("finalizers"), Description("Tokens that must be cleared before the app is removed from storage.")]
    public List<string>? Finalizers { get; set; }

    [JsonPropertyName("dryRun"), Description("Render the manifest into status.manifest without installing.")]
    public bool DryRun { get; set; }
}

[Description("A chart in a platform or third-party chart repository.")]
public sealed class AppChart
{
    [JsonPropertyName("tenantID"), Description("Tenant owning the chart repository (defaults to the app's tenant).")]
    public string TenantId { get; set; } = "";

    [JsonPropertyName("chartGroupName"), RequiredField, MinLength(1), Description("Name of the chart repository (ChartGroup spec.name).")]
    public string ChartGroupName { get; set; } = "";

    [JsonPropertyName("chartName"), RequiredField, MinLength(1), Description("Name of the chart.")]
    public string ChartName { get; set; } = "";

    [JsonPropertyName("chartVersion"), Description("Version of the chart; the latest when empty.")]
    public string ChartVersion { get; set; } = "";

    [JsonPropertyName("repoURL"), Description("URL of the repository, for charts from an imported repository.")]
    public string RepoUrl { get; set; } = "";

    [JsonPropertyName("repoUsername"), Description("User name for an imported repository.")]
    public string RepoUsername { get; set; } = "";

    [JsonPropertyName("repoPassword"), Sensitive, Description("Base64 encoding of the password for an imported repository.")]
    public string RepoPassword { get; set; } = "";

    [JsonPropertyName("importedRepo"), Description("True when the chart comes from an imported third-party repository.")]
    public bool ImportedRepo { get; set; }

    [JsonPropertyName("installPara"), Description("Options for helm install.")]
    public HelmActionOptions InstallPara { get; set; } = new();

    [JsonPropertyName("upgradePara"), Description("Options for helm upgrade.")]
    public HelmActionOptions UpgradePara { get; set; } = new();
}

[Description("Options shared by helm install and helm upgrade.")]
public sealed class HelmActionOptions
{
    // Go's time.Duration encodes as integer nanoseconds.
    [JsonPropertyName("clientTimeout"), Description("Client timeout in nanoseconds; 0 uses the server default.")]
    public long ClientTimeout { get; set; }

    [JsonPropertyName("createNamespace"), Description("Create the target namespace if it does not exist.")]
    public bool CreateNamespace { get; set; }

    [JsonPropertyName("atomic"), Description("Uninstall a failed install, roll back a failed upgrade.")]
    public bool Atomic { get; set; }

    [JsonPropertyName("wait"), Description("Wait until pods, PVCs and services are ready before succeeding.")]
    public bool Wait { get; set; }

    [JsonPropertyName("waitForJobs"), Description("Also wait until jobs complete.")]
    public bool WaitForJobs { get; set; }

    public TimeSpan Timeout => TimeSpan.FromTicks(ClientTimeout / 100);
}

[Description("Values for the chart.")]
public sealed class AppValues
{
    [JsonPropertyName("rawValuesType"), AllowedValues(RawValuesTypes.Json, RawValuesTypes.Yaml), Description("Format of rawValues: \"json\" or \"yaml\".")]
    public string? RawValuesType { get; set; }

    [JsonPropertyName("rawValues"), Description("A values file in the format given by rawValuesType.")]
    public string? RawValues { get; set; }

    [JsonPropertyName("values"), Description("--set style overrides such as \"image.tag=v2\".")]
    public List<string>? Values { get; set; }
}

[Description("Observed state of a release.")]
public sealed class AppStatus
{
    [JsonPropertyName("phase"), Description("Installing, InstallFailed, Upgrading, UpgradFailed, Succeeded, RollingBack, RolledBack, RollbackFailed, SyncFailed or Terminating.")]
    public string Phase { get; set; } = "";

    [JsonPropertyName("observedGeneration"), Description("Most recent generation the controller acted on.")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("releaseStatus"), Description("Status of the release as Helm reports it.")]
    public string? ReleaseStatus { get; set; }

    [JsonPropertyName("releaseLastUpdated"), Description("Last time Helm updated the release.")]
    public DateTimeOffset? ReleaseLastUpdated { get; set; }

    [JsonPropertyName("revision"), Description("Deployed revision.")]
    public long? Revision { get; set; }

    [JsonPropertyName("rollbackRevision"), Description("Revision to roll back to.")]
    public long? RollbackRevision { get; set; }

    [JsonPropertyName("lastTransitionTime"), Description("Last time the phase changed.")]
    public DateTimeOffset? LastTransitionTime { get; set; }

    [JsonPropertyName("reason"), Description("Reason for the last transition.")]
    public string? Reason { get; set; }

    [JsonPropertyName("message"), Description("Human-readable details of the last transition.")]
    public string? Message { get; set; }

    [JsonPropertyName("manifest"), Description("Rendered manifest of a dry run.")]
    public string Manifest { get; set; } = "";
}

public static class AppTypes
{
    public static readonly IReadOnlyList<string> All = [HelmV3];

    public const string HelmV3 = "HelmV3";
}

public static class RawValuesTypes
{
    public const string Json = "json";
    public const string Yaml = "yaml";
}

public static class AppPhases
{
    public const string Installing = "Installing";
    public const string InstallFailed = "InstallFailed";
    public const string Upgrading = "Upgrading";
    public const string Succeeded = "Succeeded";
    public const string UpgradeFailed = "UpgradFailed";
    public const string RollingBack = "RollingBack";
    public const string RolledBack = "RolledBack";
    public const string RollbackFailed = "RollbackFailed";
    public const string Terminating = "Terminating";
    public const string SyncFailed = "SyncFailed";
}

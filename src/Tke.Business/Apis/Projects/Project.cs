using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.Business.Apis.Shared;

namespace Tke.Business.Apis.Projects;

[Description("Project (a \"business\" in the console) groups members, namespaces and per-cluster resource quotas of a team. Projects can be nested: a child project takes its quota from its parent. Names are prj-<id>.")]
public sealed class Project : ApiObject<ProjectSpec, ProjectStatus>
{
}

[Description("Desired state of a project.")]
public sealed class ProjectSpec
{
    [JsonPropertyName("finalizers"), ListType(ListKind.Set), Description("Values that must be empty before the project is removed from storage; the platform sets \"project\".")]
    public List<string>? Finalizers { get; set; }

    [JsonPropertyName("tenantID"), Description("Tenant that owns the project.")]
    public string? TenantID { get; set; }

    [JsonPropertyName("displayName"), RequiredField, StringLength(63), Description("Project name shown in the console, at most 63 characters.")]
    public string? DisplayName { get; set; }

    [JsonPropertyName("members"), ListType(ListKind.Set), Description("Users (by name) who are members of the project.")]
    public List<string>? Members { get; set; }

    [JsonPropertyName("parentProjectName"), Description("Name of the parent project, for a sub-project.")]
    public string? ParentProjectName { get; set; }

    [JsonPropertyName("clusters"), Description("Clusters the project may use, each with its resource limits: cluster name to {hard}. An empty hard means no limit.")]
    public Dictionary<string, HardQuantity>? Clusters { get; set; }
}

[Description("Observed state of a project.")]
public sealed class ProjectStatus
{
    [JsonPropertyName("locked"), Description("True while the project is locked.")]
    public bool? Locked { get; set; }

    [JsonPropertyName("phase"), AllowedValues(BusinessPhases.Active, BusinessPhases.Pending, BusinessPhases.Terminating, BusinessPhases.Failed), Description("Lifecycle phase: Pending, Active, Failed or Terminating.")]
    public string? Phase { get; set; }

    [JsonPropertyName("clusters"), Description("Resources used in each cluster: cluster name to {used}.")]
    public Dictionary<string, UsedQuantity>? Clusters { get; set; }

    [JsonPropertyName("calculatedChildProjects"), Description("Sub-projects whose quota is taken from this project.")]
    public List<string>? CalculatedChildProjects { get; set; }

    [JsonPropertyName("calculatedNamespaces"), Description("Namespaces whose quota is taken from this project.")]
    public List<string>? CalculatedNamespaces { get; set; }

    [JsonPropertyName("cachedSpecClusters"), Description("The quotas last accounted for, used to compute changes.")]
    public Dictionary<string, HardQuantity>? CachedSpecClusters { get; set; }

    [JsonPropertyName("cachedParent"), Description("The parent last accounted for, used to move quota when the parent changes.")]
    public string? CachedParent { get; set; }

    [JsonPropertyName("lastTransitionTime"), Description("Last time the phase changed.")]
    public DateTimeOffset? LastTransitionTime { get; set; }

    [JsonPropertyName("reason"), Description("Reason for the last transition.")]
    public string? Reason { get; set; }

    [JsonPropertyName("message"), Description("Human-readable details about the last transition.")]
    public string? Message { get; set; }
}

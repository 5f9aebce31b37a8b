using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Business.Apis.Shared;

/// <summary>
/// The project-side record of a repository group in the registry (an image namespace or a
/// chart group): which registry object a project owns. Both kinds have this shape.
/// </summary>
[Description("A registry repository group owned by a project.")]
public sealed class ProjectRepositorySpec
{
    [JsonPropertyName("finalizers"), ListType(ListKind.Set), Description("Values that must be empty before the object is removed from storage.")]
    public List<string>? Finalizers { get; set; }

    [JsonPropertyName("name"), RequiredField, Description("Name of the group in the registry; also the object's name.")]
    public string? Name { get; set; }

    [JsonPropertyName("tenantID"), Description("Tenant that owns the group.")]
    public string? TenantID { get; set; }

    [JsonPropertyName("displayName"), Description("Human-readable name.")]
    public string? DisplayName { get; set; }
}

[Description("Observed state of a project's repository group.")]
public sealed class ProjectRepositoryStatus
{
    [JsonPropertyName("phase"), AllowedValues(BusinessPhases.Pending, BusinessPhases.Available, BusinessPhases.Locked, BusinessPhases.Failed, BusinessPhases.Terminating), Description("Pending, Available, Locked, Failed or Terminating.")]
    public string? Phase { get; set; }

    [JsonPropertyName("lastTransitionTime"), Description("Last time the phase changed.")]
    public DateTimeOffset? LastTransitionTime { get; set; }

    [JsonPropertyName("reason"), Description("Reason for the last transition.")]
    public string? Reason { get; set; }

    [JsonPropertyName("message"), Description("Human-readable details about the last transition.")]
    public string? Message { get; set; }
}

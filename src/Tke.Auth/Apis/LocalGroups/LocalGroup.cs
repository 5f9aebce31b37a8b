using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.Auth.Apis.Subjects;

namespace Tke.Auth.Apis.LocalGroups;

[Description("A group of local users; policies and roles bound to the group apply to every member.")]
public sealed class LocalGroup : ApiObject<LocalGroupSpec, LocalGroupStatus>
{
}

[Description("Description of a local group.")]
public sealed class LocalGroupSpec
{
    [JsonPropertyName("finalizers"), Description("Tokens that must be cleared before the group is removed from storage.")]
    public List<string>? Finalizers { get; set; }

    [JsonPropertyName("displayName"), RequiredField, StringLength(59, MinimumLength = 1)]
    [RegularExpression("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    [Description("Group name shown in the console: fewer than 60 lowercase letters, digits or '-', starting and ending with a letter or digit.")]
    public string DisplayName { get; set; } = "";

    [JsonPropertyName("tenantID"), Description("Tenant the group belongs to.")]
    public string TenantId { get; set; } = "";

    [JsonPropertyName("username"), Description("User who created the group.")]
    public string Username { get; set; } = "";

    [JsonPropertyName("description"), StringLength(254), Description("Description (fewer than 255 characters).")]
    public string Description { get; set; } = "";
}

[Description("Observed state of a local group.")]
public sealed class LocalGroupStatus
{
    [JsonPropertyName("phase"), Description("Lifecycle phase: Active or Terminating.")]
    public string? Phase { get; set; }

    [JsonPropertyName("users"), Description("Members of the group.")]
    public List<Subject>? Users { get; set; }
}

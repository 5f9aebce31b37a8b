using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.Auth.Apis.Subjects;

namespace Tke.Auth.Apis.Roles;

[Description("A named set of policies that can be bound to users and groups at once.")]
public sealed class Role : ApiObject<RoleSpec, RoleStatus>
{
}

[Description("Policies of a role.")]
public sealed class RoleSpec
{
    [JsonPropertyName("finalizers"), Description("Tokens that must be cleared before the role is removed from storage.")]
    public List<string>? Finalizers { get; set; }

    [JsonPropertyName("displayName"), RequiredField, StringLength(255, MinimumLength = 1), Description("Role name shown in the console.")]
    public string DisplayName { get; set; } = "";

    [JsonPropertyName("tenantID"), Description("Tenant the role belongs to; cannot be changed.")]
    public string TenantId { get; set; } = "";

    [JsonPropertyName("username"), Description("User who created the role.")]
    public string Username { get; set; } = "";

    [JsonPropertyName("description"), Description("Description.")]
    public string Description { get; set; } = "";

    [JsonPropertyName("policies"), ListType(ListKind.Set), Description("Names of the policies in the role.")]
    public List<string>? Policies { get; set; }
}

[Description("Users and groups the role is bound to.")]
public sealed class RoleStatus
{
    [JsonPropertyName("phase"), Description("Lifecycle phase: Active or Terminating.")]
    public string Phase { get; set; } = "";

    [JsonPropertyName("users"), Description("Users the role applies to.")]
    public List<Subject>? Users { get; set; }

    [JsonPropertyName("groups"), Description("Groups the role applies to.")]
    public List<Subject>? Groups { get; set; }
}

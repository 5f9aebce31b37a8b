using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.Auth.Apis.Subjects;

namespace Tke.Auth.Apis.Groups;

[Description("A group of users as an identity provider (local, LDAP, OIDC) reports it.")]
public sealed class Group : ApiObject<GroupSpec, GroupStatus>
{
}

[Description("Identity of a group.")]
public sealed class GroupSpec
{
    [JsonPropertyName("id"), Description("ID of the group in its identity provider.")]
    public string Id { get; set; } = "";

    [JsonPropertyName("displayName"), RequiredField, MinLength(1), Description("Group name shown in the console.")]
    public string DisplayName { get; set; } = "";

    [JsonPropertyName("tenantID"), Description("Tenant (identity provider) the group belongs to.")]
    public string TenantId { get; set; } = "";

    [JsonPropertyName("description"), Description("Description.")]
    public string Description { get; set; } = "";
}

[Description("Members of a group.")]
public sealed class GroupStatus
{
    [JsonPropertyName("users"), Description("Members of the group.")]
    public List<Subject>? Users { get; set; }
}

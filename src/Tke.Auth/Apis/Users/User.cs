using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Auth.Apis.Users;

/// <summary>A user as an identity provider (local, LDAP or OIDC) reports it; it has no status.</summary>
[Description("A user of the platform as seen through its identity provider (local, LDAP, OIDC).")]
public sealed class User : ApiObject
{
    [JsonPropertyName("spec"), Description("Identity of the user.")]
    public UserSpec Spec { get; set; } = new();
}

[Description("Identity of a user.")]
public sealed class UserSpec
{
    [JsonPropertyName("id"), Description("ID of the user in its identity provider.")]
    public string Id { get; set; } = "";

    [JsonPropertyName("name"), RequiredField, MinLength(1), Description("Login name, unique within the tenant.")]
    public string Name { get; set; } = "";

    [JsonPropertyName("displayName"), Description("Name shown in the console.")]
    public string? DisplayName { get; set; }

    [JsonPropertyName("email"), Description("Email address.")]
    public string? Email { get; set; }

    [JsonPropertyName("phoneNumber"), Description("Mobile phone number.")]
    public string? PhoneNumber { get; set; }

    [JsonPropertyName("tenantID"), Description("Tenant (identity provider) the user belongs to.")]
    public string? TenantId { get; set; }

    [JsonPropertyName("extra"), Description("Additional attributes from the identity provider.")]
    public Dictionary<string, string>? Extra { get; set; }
}

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Auth.Apis.LocalIdentities;

[Description("A user account of the built-in identity provider, used to log in to the platform.")]
public sealed class LocalIdentity : ApiObject<LocalIdentitySpec, LocalIdentityStatus>
{
}

[Description("Account details of a local user.")]
public sealed class LocalIdentitySpec
{
    [JsonPropertyName("finalizers"), Description("Tokens that must be cleared before the identity is removed from storage.")]
    public List<string>? Finalizers { get; set; }

    [JsonPropertyName("username"), RequiredField, StringLength(32, MinimumLength = 3)]
    [RegularExpression("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    [Description("Login name: 3-32 lowercase letters, digits or '-', starting and ending with a letter or digit. Unique within a tenant; cannot be changed.")]
    public string Username { get; set; } = "";

    [JsonPropertyName("displayName"), StringLength(255), Description("Name shown in the console (fewer than 256 characters).")]
    public string DisplayName { get; set; } = "";

    [JsonPropertyName("email"), Description("Email address.")]
    public string Email { get; set; } = "";

    [JsonPropertyName("phoneNumber"), Description("Mobile phone number.")]
    public string PhoneNumber { get; set; } = "";

    [JsonPropertyName("hashedPassword"), Sensitive]
    [Description("On create or password change: the base64 encoding of the password (10-16 characters with upper- and lowercase letters and digits). Stored as a bcrypt hash.")]
    public string? HashedPassword { get; set; }

    [JsonPropertyName("tenantID"), Description("Tenant the user belongs to.")]
    public string? TenantId { get; set; }

    [JsonPropertyName("groups"), Description("Names of the local groups the user belongs to.")]
    public List<string>? Groups { get; set; }

    [JsonPropertyName("extra"), Description("Additional attributes of the user, e.g. the platform role.")]
    public Dictionary<string, string>? Extra { get; set; }
}

[Description("Observed state of a local user.")]
public sealed class LocalIdentityStatus
{
    [JsonPropertyName("phase"), Description("Lifecycle phase; \"Deleting\" while the user is being removed.")]
    public string? Phase { get; set; }

    [JsonPropertyName("locked"), Description("True when the account may not log in.")]
    public bool? Locked { get; set; }

    // TKEStack declares this field without a JSON tag, so it travels under its Go field name.
    [JsonPropertyName("LastUpdateTime"), Description("Last time the user was updated.")]
    public DateTimeOffset? LastUpdateTime { get; set; }
}

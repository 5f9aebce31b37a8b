using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Auth.Apis.ApiKeys;

[Description("An access credential: a signed token used as the password for the image registry, chart repositories and the API.")]
public sealed class ApiKey : ApiObject<ApiKeySpec, ApiKeyStatus>
{
}

[Description("The token and its validity period.")]
public sealed class ApiKeySpec
{
    [JsonPropertyName("apiKey"), Sensitive, Description("The token (a JWT carrying the user and a signature).")]
    public string? Key { get; set; }

    [JsonPropertyName("tenantID"), Description("Tenant of the owning user.")]
    public string? TenantId { get; set; }

    [JsonPropertyName("username"), Description("User who created the key.")]
    public string? Username { get; set; }

    [JsonPropertyName("description"), Description("What the key is used for.")]
    public string Description { get; set; } = "";

    [JsonPropertyName("issue_at"), Description("Time the key was issued.")]
    public DateTimeOffset? IssueAt { get; set; }

    [JsonPropertyName("expire_at"), Description("Time after which the key is no longer accepted.")]
    public DateTimeOffset? ExpireAt { get; set; }
}

[Description("Whether the key is usable.")]
public sealed class ApiKeyStatus
{
    [JsonPropertyName("disabled"), Description("True when the owner disabled the key; enabling sets it back to false.")]
    public bool Disabled { get; set; }

    [JsonPropertyName("expired"), Description("True once expire_at has passed.")]
    public bool Expired { get; set; }
}

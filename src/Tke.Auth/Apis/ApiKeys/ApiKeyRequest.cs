using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Auth.Apis.ApiKeys;

/// <summary>Body of apikeys/default/token: issue a key for the calling user.</summary>
[Description("Request to issue an access credential for the calling user.")]
public sealed class ApiKeyRequest
{
    /// <summary>TKEStack's default lifetime when no expiry is given: seven days.</summary>
    public static readonly TimeSpan DefaultExpiry = TimeSpan.FromHours(168);

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("expire"), Description("Lifetime as a Go duration such as \"2h\" or \"30m\"; 168h when omitted.")]
    public string? Expire { get; set; }

    [JsonPropertyName("description"), Description("What the key is used for.")]
    public string Description { get; set; } = "";

    public TimeSpan ExpiryOrDefault() => string.IsNullOrEmpty(Expire) ? DefaultExpiry : GoDuration.Parse(Expire);
}

/// <summary>Body of apikeys/default/password: issue a key by user name and password.</summary>
[Description("Request to issue an access credential by user name and password.")]
public sealed class ApiKeyPasswordRequest
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("tenantID"), Description("Tenant of the user.")]
    public string? TenantId { get; set; }

    [JsonPropertyName("username"), Description("Login name.")]
    public string? Username { get; set; }

    [JsonPropertyName("password"), Sensitive, Description("Base64 encoding of the password.")]
    public string? Password { get; set; }

    [JsonPropertyName("description"), Description("What the key is used for.")]
    public string Description { get; set; } = "";

    [JsonPropertyName("expire"), Description("Lifetime as a Go duration such as \"2h\" or \"30m\"; 168h when omitted.")]
    public string? Expire { get; set; }

    public TimeSpan ExpiryOrDefault() => string.IsNullOrEmpty(Expire) ? ApiKeyRequest.DefaultExpiry : GoDuration.Parse(Expire);
}

using System.Text.Json.Serialization;

namespace Tke.Auth.Oidc.Upstream;

/// <summary>dex's `claimMapping`: claims read when the standard claim is absent.</summary>
public sealed class UpstreamClaimMapping
{
    [JsonPropertyName("preferred_username")]
    public string? PreferredUsername { get; set; }

    [JsonPropertyName("email")]
    public string? Email { get; set; }

    [JsonPropertyName("groups")]
    public string? Groups { get; set; }
}

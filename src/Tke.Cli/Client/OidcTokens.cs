using System.Buffers.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Tke.Cli.Client;

/// <summary>The token endpoint's answer.</summary>
public sealed class OidcTokens
{
    [JsonPropertyName("access_token")]
    public string AccessToken { get; set; } = "";

    [JsonPropertyName("id_token")]
    public string? IdToken { get; set; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; set; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; set; }

    [JsonPropertyName("expires_in")]
    public long ExpiresIn { get; set; }

    /// <summary>The tenant the ID token names (TKEStack's federated_claims.connector_id). Read
    /// without verifying the signature: it is only shown to the user, never trusted.</summary>
    public string? TenantId()
    {
        var parts = (IdToken ?? AccessToken).Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]));
            return (string?)claims?["federated_claims"]?["connector_id"];
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}

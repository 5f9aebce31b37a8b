using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Auth.Apis.Clients;

[Description("An OAuth2/OIDC client allowed to log users in through the platform's identity service.")]
public sealed class Client : ApiObject
{
    [JsonPropertyName("spec"), Description("Client registration.")]
    public ClientSpec Spec { get; set; } = new();
}

[Description("Registration of an OAuth2 client.")]
public sealed class ClientSpec
{
    [JsonPropertyName("id"), RequiredField, MinLength(1), Description("Client ID.")]
    public string Id { get; set; } = "";

    [JsonPropertyName("secret"), Sensitive, Description("Client secret; required unless the client is public.")]
    public string? Secret { get; set; }

    [JsonPropertyName("redirect_uris"), ListType(ListKind.Set), Description("Absolute URLs the identity service may redirect to after login.")]
    public List<string>? RedirectUris { get; set; }

    [JsonPropertyName("trusted_peers"), ListType(ListKind.Set), Description("Clients that may issue tokens on this client's behalf.")]
    public List<string>? TrustedPeers { get; set; }

    [JsonPropertyName("public"), Description("Public clients (CLIs, browsers) have no secret and redirect to 127.0.0.1 or urn:ietf:wg:oauth:2.0:oob.")]
    public bool Public { get; set; }

    [JsonPropertyName("name"), Description("Name shown on the consent page.")]
    public string? Name { get; set; }

    [JsonPropertyName("logo_url"), Description("Logo shown on the consent page.")]
    public string? LogoUrl { get; set; }
}

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Auth.Apis.IdentityProviders;

/// <summary>A login connector; metadata.name is the tenant ID whose users it authenticates.</summary>
[Description("An identity provider (local, LDAP, OIDC ...) that authenticates the users of one tenant; metadata.name is the tenant ID.")]
public sealed class IdentityProvider : ApiObject
{
    [JsonPropertyName("spec"), Description("Connector type and configuration.")]
    public IdentityProviderSpec Spec { get; set; } = new();
}

[Description("Connector type and configuration of an identity provider.")]
public sealed class IdentityProviderSpec
{
    [JsonPropertyName("name"), RequiredField, MinLength(1), Description("Name shown on the login page.")]
    public string Name { get; set; } = "";

    [JsonPropertyName("type"), RequiredField, RegularExpression("^[a-z][a-z0-9]*$"), Description("Connector type, e.g. \"ldap\", \"oidc\" or \"local\".")]
    public string Type { get; set; } = "";

    [JsonPropertyName("administrators"), ListType(ListKind.Set), Description("Users of this provider who become platform administrators.")]
    public List<string>? Administrators { get; set; }

    [JsonPropertyName("config"), Sensitive]
    [Description("Connector configuration serialised as a JSON string (not an object), e.g. the dex LDAP connector settings with host, bindDN, bindPW, userSearch and groupSearch.")]
    public string Config { get; set; } = "";
}

using Tke.ApiMachinery.Validation;
using Tke.Auth.Apis.Clients;
using Tke.Auth.Apis.IdentityProviders;
using static Tke.Apis.Tests.ApiKindChecks;

namespace Tke.Apis.Tests.Auth;

public class ClientAndIdentityProviderKindTests
{
    private const string LdapConfig = "{\"host\":\"localhost:389\",\"insecureNoSSL\":true,\"bindDN\":\"cn=admin,dc=example,dc=org\",\"bindPW\":\"admin\"}";

    private static Client SampleClient() => new()
    {
        Metadata = { Name = "default" },
        Spec = new ClientSpec { Id = "default", Secret = "s3cret", RedirectUris = ["https://console.tke.com/callback"], Name = "console" },
    };

    private static IdentityProvider SampleIdp() => new()
    {
        Metadata = { Name = "ldap-test" },
        Spec = new IdentityProviderSpec { Name = "ldap-test", Type = "ldap", Administrators = ["jane"], Config = LdapConfig },
    };

    [Fact]
    public void Client_schema_uses_snake_case_names_of_tkestack()
    {
        var kind = new ClientKind();
        HasFields(kind, "spec.id", "spec.secret", "spec.redirect_uris", "spec.trusted_peers", "spec.public", "spec.name", "spec.logo_url");
        Assert.True(Node(kind, "spec.secret").Sensitive);
        IsRequired(kind, "spec", "id");
        Valid(Create(kind, SampleClient()));

        var json = RoundTrip(SampleClient());
        Assert.Equal("https://console.tke.com/callback", At(json, "spec.redirect_uris")![0]!.GetValue<string>());
        Assert.Equal("default", Cells(kind, SampleClient())["Client ID"]);
        Assert.Equal(false, Cells(kind, SampleClient())["Public"]);
    }

    [Fact]
    public void Confidential_client_needs_a_secret_and_absolute_redirects()
    {
        var kind = new ClientKind();
        var client = SampleClient();
        client.Spec.Secret = null;
        Single(Create(kind, client), "spec.secret", FieldErrorKind.Required);

        client.Spec.Public = true;
        Valid(Create(kind, client));

        client = SampleClient();
        client.Spec.RedirectUris!.Add("/relative");
        Single(Create(kind, client), "spec.redirect_uris[1]", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Identity_provider_matches_the_manual_body()
    {
        var kind = new IdentityProviderKind();
        HasFields(kind, "spec.name", "spec.type", "spec.administrators", "spec.config");
        Assert.Equal("string", Node(kind, "spec.config").Type.ToString().ToLowerInvariant());
        Assert.True(Node(kind, "spec.config").Sensitive);
        IsRequired(kind, "spec", "type");
        Valid(Create(kind, SampleIdp()));

        var json = RoundTrip(SampleIdp());
        Assert.Equal("jane", At(json, "spec.administrators")![0]!.GetValue<string>());
        Assert.Equal(LdapConfig, At(json, "spec.config")!.GetValue<string>());
    }

    [Fact]
    public void Identity_provider_config_must_be_a_json_object_string()
    {
        var kind = new IdentityProviderKind();
        var idp = SampleIdp();
        idp.Spec.Config = "{\"host\": \"localhost:389\", \"bindPW\": ";
        var error = Single(Create(kind, idp), "spec.config", FieldErrorKind.Invalid);
        Assert.DoesNotContain("localhost", error.Message);

        idp.Spec.Config = "[1,2]";
        Single(Create(kind, idp), "spec.config", FieldErrorKind.Invalid);

        idp.Spec.Config = "";
        Single(Create(kind, idp), "spec.config", FieldErrorKind.Required);

        idp.Spec.Type = "local";
        Valid(Create(kind, idp));
    }

    [Fact]
    public void Identity_provider_table_and_selectors()
    {
        var kind = new IdentityProviderKind();
        var cells = Cells(kind, SampleIdp());
        Assert.Equal("ldap-test", cells["Display Name"]);
        Assert.Equal("ldap", cells["Type"]);
        Assert.Equal("jane", cells["Administrators"]);
        Assert.Equal("ldap", Selected(kind, SampleIdp(), "spec.type"));
        Assert.Equal("ldap-test", Selected(kind, SampleIdp(), "spec.name"));
        Assert.True(PatternAccepts(kind, "spec.type", "oidc"));
        Assert.False(PatternAccepts(kind, "spec.type", "LDAP"));
    }
}

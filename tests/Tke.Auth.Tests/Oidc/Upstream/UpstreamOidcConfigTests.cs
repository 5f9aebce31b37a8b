using System.Text;
using Tke.Auth.Oidc.Upstream;

namespace Tke.Auth.Tests.Oidc.Upstream;

public sealed class UpstreamOidcConfigTests
{
    private const string Secret = "s3cr3t-do-not-print";

    // dex's oidc connector settings as TKEStack's manual lists them, comments included.
    private const string Full = """
        {
            "issuer": "https://login.example.com/",      // upstream issuer
            "clientID": "tke",
            "clientSecret": "s3cr3t-do-not-print",
            "redirectURI": "https://tke.example.com/oidc/upstream/default/callback",
            "scopes": ["profile", "email", "groups"],
            "insecureSkipEmailVerified": true,
            "insecureEnableGroups": true,
            "getUserInfo": true,
            "basicAuthUnsupported": true,
            "userIDKey": "oid",
            "userNameKey": "upn",
            "claimMapping": { "preferred_username": "login", "email": "mail", "groups": "roles" },
        }
        """;

    [Fact]
    public void Every_documented_field_is_read()
    {
        var config = UpstreamOidcConfig.Parse(Full);

        Assert.Equal("https://login.example.com/", config.Issuer);
        Assert.Equal("https://login.example.com", config.IssuerBase);
        Assert.Equal("tke", config.ClientId);
        Assert.Equal(Secret, config.ClientSecret);
        Assert.Equal("https://tke.example.com/oidc/upstream/default/callback", config.RedirectUri);
        Assert.Equal(["openid", "profile", "email", "groups"], config.EffectiveScopes);
        Assert.True(config.InsecureSkipEmailVerified);
        Assert.True(config.InsecureEnableGroups);
        Assert.True(config.GetUserInfo);
        Assert.True(config.BasicAuthUnsupported);
        Assert.Equal("oid", config.UserIdKey);
        Assert.Equal("upn", config.UserNameKey);
        Assert.Equal("login", config.ClaimMapping?.PreferredUsername);
        Assert.Equal("mail", config.ClaimMapping?.Email);
        Assert.Equal("roles", config.ClaimMapping?.Groups);
        Assert.Null(config.ReadRootCaPem());
    }

    [Fact]
    public void Default_scopes_are_dexs()
    {
        var config = UpstreamOidcConfig.Parse("""{"issuer":"https://idp.example.com","clientID":"a","clientSecret":"b"}""");

        Assert.Equal(["openid", "profile", "email"], config.EffectiveScopes);
        Assert.Null(config.BasicAuthUnsupported);
    }

    [Fact]
    public void Field_names_match_case_insensitively_as_in_go()
    {
        var config = UpstreamOidcConfig.Parse("""{"Issuer":"https://idp.example.com","clientId":"a","CLIENTSECRET":"b"}""");

        Assert.Equal("a", config.ClientId);
    }

    [Fact]
    public void Every_missing_field_is_listed()
    {
        var e = Assert.Throws<UpstreamOidcConfigException>(() => UpstreamOidcConfig.Parse("{}"));

        Assert.Contains("issuer: required", e.Problems);
        Assert.Contains("clientID: required", e.Problems);
        Assert.Contains("clientSecret: required", e.Problems);
    }

    [Theory]
    [InlineData("http://idp.example.com")]
    [InlineData("ftp://idp.example.com")]
    [InlineData("/relative")]
    [InlineData("https://idp.example.com/?tenant=1")]
    public void Issuers_that_are_not_https_urls_are_refused(string issuer)
    {
        var e = Assert.Throws<UpstreamOidcConfigException>(() =>
            UpstreamOidcConfig.Parse($$"""{"issuer":"{{issuer}}","clientID":"a","clientSecret":"b"}"""));

        Assert.Single(e.Problems, p => p.StartsWith("issuer:", StringComparison.Ordinal));
    }

    [Fact]
    public void Plain_http_is_allowed_on_loopback_only()
    {
        Assert.Equal("http://127.0.0.1:5556/dex", UpstreamOidcConfig.Parse("""{"issuer":"http://127.0.0.1:5556/dex","clientID":"a","clientSecret":"b"}""").Issuer);
    }

    [Fact]
    public void Problems_name_fields_but_never_quote_the_secret()
    {
        var json = $$"""{"issuer":"nope","clientID":"","clientSecret":"{{Secret}}","redirectURI":"relative","scopes":["a b"],"insecureSkipVerify":true,"rootCA":"/x","rootCAData":"not-base64!"}""";

        var e = Assert.Throws<UpstreamOidcConfigException>(() => UpstreamOidcConfig.Parse(json));

        Assert.Contains(e.Problems, p => p.StartsWith("issuer:", StringComparison.Ordinal));
        Assert.Contains("clientID: required", e.Problems);
        Assert.Contains(e.Problems, p => p.StartsWith("redirectURI:", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("scopes[0]:", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("insecureSkipVerify:", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("either rootCA or rootCAData", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("base64", StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Syntax_errors_report_a_position_not_the_text()
    {
        var e = Assert.Throws<UpstreamOidcConfigException>(() => UpstreamOidcConfig.Parse($$"""{"clientSecret":"{{Secret}}", oops}"""));

        Assert.Contains("line 1", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Root_ca_data_is_base64_pem_or_pem()
    {
        const string pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));

        var fromBase64 = UpstreamOidcConfig.Parse($$"""{"issuer":"https://idp.example.com","clientID":"a","clientSecret":"b","rootCAData":"{{encoded}}"}""");

        Assert.Equal(pem, fromBase64.ReadRootCaPem());
    }

    [Fact]
    public void Root_ca_data_without_a_certificate_fails_when_the_handler_is_built()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
        var config = UpstreamOidcConfig.Parse($$"""{"issuer":"https://idp.example.com","clientID":"a","clientSecret":"b","rootCAData":"{{encoded}}"}""");

        var e = Assert.Throws<UpstreamOidcConfigException>(() => UpstreamHttpHandler.Create(config));

        Assert.StartsWith("rootCAData:", e.Problems[0], StringComparison.Ordinal);
    }
}

using Tke.Auth.Apis.IdentityProviders;
using Tke.Auth.Ldap;

namespace Tke.Auth.Tests.Ldap;

public sealed class LdapConnectorConfigTests
{
    // The sample from the manual's LDAP section, comments included.
    private const string ManualSample = """
        {
            "host": "localhost:389",                 // LDAP address host:port
            "insecureNoSSL": true,
            "bindDN": "cn=admin,dc=example,dc=org",
            "bindPW": "admin",
            "usernamePrompt": "User Name",
            "userSearch": {
                "baseDN": "ou=People,dc=example,dc=org",
                "filter": "(objectClass=person)",
                "username": "cn",
                "idAttr": "DN",
                "emailAttr": "mail",
                "nameAttr": "cn"
            },
            "groupSearch": {
                "baseDN": "ou=Groups,dc=example,dc=org",
                "filter": "(objectClass=groupOfNames)",
                "userAttr": "DN",
                "groupAttr": "member",
                "nameAttr": "cn"
            }
        }
        """;

    [Fact]
    public void ManualSampleParses()
    {
        var config = LdapConnectorConfig.Parse(ManualSample);

        Assert.Equal("localhost", config.HostName);
        Assert.Equal(389, config.Port);
        Assert.True(config.InsecureNoSsl);
        Assert.Equal("cn=admin,dc=example,dc=org", config.BindDn);
        Assert.Equal("User Name", config.UsernamePrompt);
        Assert.Equal("cn", config.UserSearch!.Username);
        Assert.Equal("DN", config.UserSearch.IdAttr);
        Assert.Equal("member", config.GroupSearch!.GroupAttr);
    }

    [Theory]
    [InlineData("ldap.example.org", true, false, "ldap.example.org", 389)]
    [InlineData("ldap.example.org", false, false, "ldap.example.org", 636)]
    [InlineData("ldap.example.org", false, true, "ldap.example.org", 389)]
    [InlineData("ldap.example.org:10389", false, false, "ldap.example.org", 10389)]
    [InlineData("[::1]:3890", true, false, "::1", 3890)]
    [InlineData("[::1]", false, false, "::1", 636)]
    public void PortDefaultsFollowTheTransport(string host, bool noSsl, bool startTls, string name, int port)
    {
        var config = LdapConnectorConfig.Parse(ManualSample
            .Replace("localhost:389", host, StringComparison.Ordinal)
            .Replace("\"insecureNoSSL\": true", $"\"insecureNoSSL\": {(noSsl ? "true" : "false")}, \"startTLS\": {(startTls ? "true" : "false")}", StringComparison.Ordinal));

        Assert.Equal(name, config.HostName);
        Assert.Equal(port, config.Port);
    }

    [Theory]
    [InlineData("\"host\": \"localhost:389\",", "", "host: required")]
    [InlineData("localhost:389", "localhost:99999", "host:")]
    [InlineData("localhost:389", "ldap://localhost", "host:")]
    [InlineData("\"insecureNoSSL\": true,", "\"insecureNoSSL\": true, \"startTLS\": true,", "startTLS:")]
    [InlineData("\"insecureNoSSL\": true,", "\"insecureSkipVerify\": true,", "insecureSkipVerify:")]
    [InlineData("\"bindPW\": \"admin\",", "", "bindPW:")]
    [InlineData("\"baseDN\": \"ou=People,dc=example,dc=org\",", "", "userSearch.baseDN: required")]
    [InlineData("\"baseDN\": \"ou=People,dc=example,dc=org\",", "\"baseDN\": \"People\",", "userSearch.baseDN:")]
    [InlineData("\"filter\": \"(objectClass=person)\",", "\"filter\": \"objectClass=person\",", "userSearch.filter:")]
    [InlineData("\"filter\": \"(objectClass=person)\",", "\"filter\": \"(objectClass=person))(\",", "userSearch.filter:")]
    [InlineData("\"username\": \"cn\",", "", "userSearch.username: required")]
    [InlineData("\"username\": \"cn\",", "\"username\": \"cn=*)(x\",", "userSearch.username:")]
    [InlineData("\"idAttr\": \"DN\",", "", "userSearch.idAttr: required")]
    [InlineData("\"groupAttr\": \"member\",", "", "groupSearch.groupAttr: required")]
    [InlineData("\"insecureNoSSL\": true,", "\"insecureNoSSL\": true, \"rootCAData\": \"bm90IGEgY2VydA==\",", "rootCAData:")]
    public void BadConfigIsRejectedWithTheField(string find, string replace, string expected)
    {
        var json = ManualSample.Replace(find, replace, StringComparison.Ordinal);

        var error = Assert.Throws<LdapConfigException>(() => LdapConnectorConfig.Parse(json));

        Assert.Contains(error.Problems, p => p.StartsWith(expected, StringComparison.Ordinal));
        Assert.DoesNotContain("admin\"", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("[]")]
    [InlineData("{\"host\": ")]
    [InlineData("{\"host\": \"h\", \"bindPW\": \"s3cretValue\",")]
    [InlineData("null")]
    public void NonObjectsAreRejectedWithoutEchoingTheText(string json)
    {
        var error = Assert.Throws<LdapConfigException>(() => LdapConnectorConfig.Parse(json));

        Assert.NotEmpty(error.Problems);
        Assert.DoesNotContain("s3cretValue", error.Message);
    }

    [Fact]
    public void MissingUserSearchIsRejected()
    {
        var error = Assert.Throws<LdapConfigException>(() => LdapConnectorConfig.Parse("""{"host": "localhost", "insecureNoSSL": true}"""));

        Assert.Contains("userSearch: required", error.Problems);
    }

    [Fact]
    public void ProviderOfAnotherTypeIsRejected()
    {
        var provider = new IdentityProvider { Spec = new IdentityProviderSpec { Name = "x", Type = "oidc", Config = ManualSample } };

        Assert.Throws<LdapConfigException>(() => LdapPasswordConnector.FromIdentityProvider(provider));
    }
}

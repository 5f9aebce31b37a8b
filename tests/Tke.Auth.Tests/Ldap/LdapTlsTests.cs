using System.Text;
using Tke.Auth.Identity;
using Tke.Auth.Ldap;
using Tke.TestSupport.Ldap;

namespace Tke.Auth.Tests.Ldap;

public sealed class LdapTlsTests(SlapdFixture slapd) : IClassFixture<SlapdFixture>
{
    [Fact]
    public async Task LdapsWithInlineRootCaLogsIn()
    {
        var caData = Convert.ToBase64String(Encoding.UTF8.GetBytes(slapd.CaPem));
        using var connector = new LdapPasswordConnector(LdapConnectorConfig.Parse(
            slapd.ConnectorConfigJson(host: $"127.0.0.1:{slapd.TlsPort}", transport: $"\"rootCAData\": \"{caData}\"")), TimeSpan.FromSeconds(10));

        var result = await connector.LoginAsync("ldap-test", "jane", SlapdFixture.JanePassword);

        Assert.StartsWith("ldaps://", connector.Server, StringComparison.Ordinal);
        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal("jane@example.org", result.Identity!.Email);
    }

    [Fact]
    public async Task StartTlsWithRootCaFileLogsIn()
    {
        using var connector = new LdapPasswordConnector(LdapConnectorConfig.Parse(
            slapd.ConnectorConfigJson(transport: $"\"startTLS\": true, \"rootCA\": \"{slapd.CaFile}\"")), TimeSpan.FromSeconds(10));

        var result = await connector.LoginAsync("ldap-test", "john", SlapdFixture.JohnPassword);

        Assert.True(result.Succeeded, result.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UntrustedServerCertificateIsRefused(bool startTls)
    {
        // No CA configured: the system trust store does not know the test CA.
        var json = startTls
            ? slapd.ConnectorConfigJson(transport: "\"startTLS\": true")
            : slapd.ConnectorConfigJson(host: $"127.0.0.1:{slapd.TlsPort}", transport: "\"insecureNoSSL\": false");
        using var connector = new LdapPasswordConnector(LdapConnectorConfig.Parse(json), TimeSpan.FromSeconds(10));

        var result = await connector.LoginAsync("ldap-test", "jane", SlapdFixture.JanePassword);

        Assert.Equal(LoginFailure.ProviderUnavailable, result.Failure);
    }
}

using System.Text;
using Tke.Kubernetes.Connections;
using Tke.Kubernetes.Tests.Hosting;

namespace Tke.Kubernetes.Tests.Kubeconfig;

public sealed class ImportFormConnectionTests
{
    [Theory]
    [InlineData("10.0.0.1:6443", "https://10.0.0.1:6443/")]
    [InlineData(" api.example.com ", "https://api.example.com/")]
    [InlineData("[fd00::1]:6443", "https://[fd00::1]:6443/")]
    [InlineData("https://api.example.com:8443", "https://api.example.com:8443/")]
    public void The_address_without_scheme_means_https(string address, string expected)
    {
        var ca = TestCertificates.SelfSignedCa();
        var connection = ImportFormConnection.Create(address, ca.CertificatePem, " token\n");
        Assert.Equal(new Uri(expected), connection.Server);
        Assert.Equal("token", connection.BearerToken);
        Assert.Single(connection.CertificateAuthorities);
    }

    [Fact]
    public void A_base64_encoded_ca_is_accepted()
    {
        var ca = TestCertificates.SelfSignedCa();
        var connection = ImportFormConnection.Create("h:6443", Convert.ToBase64String(Encoding.UTF8.GetBytes(ca.CertificatePem)), "t");
        Assert.Single(connection.CertificateAuthorities);
    }

    [Theory]
    [InlineData("http://h:6443", "PEM", "t", "apiServerAddress", "uses http")]
    [InlineData("", "PEM", "t", "apiServerAddress", "empty")]
    [InlineData("h:notaport", "PEM", "t", "apiServerAddress", "is not host:port")]
    [InlineData("h:6443", "PEM", "  ", "token", "empty")]
    [InlineData("h:6443", "not a certificate", "t", "caCertificatePem", "CA certificate is not valid")]
    public void Bad_fields_are_named(string address, string ca, string token, string field, string message)
    {
        var pem = ca == "PEM" ? TestCertificates.SelfSignedCa().CertificatePem : ca;
        var e = Assert.Throws<ArgumentException>(() => ImportFormConnection.Create(address, pem, token));
        Assert.Equal(field, e.ParamName);
        Assert.Contains(message, e.Message);
    }
}

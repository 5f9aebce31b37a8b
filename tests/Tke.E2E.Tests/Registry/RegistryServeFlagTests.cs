using System.Security.Cryptography.X509Certificates;
using Tke.E2E.Tests.Hosting;

namespace Tke.E2E.Tests.Registry;

/// <summary>`tke serve`'s registry flags: a bad domain or interval is refused up front, and the
/// generated certificate covers the chosen domain and every tenant's host under it.</summary>
public sealed class RegistryServeFlagTests
{
    [Theory]
    [InlineData("--registry-domain", "Not A Domain")]
    [InlineData("--registry-domain", "localhost")]
    [InlineData("--registry-gc-interval", "soon")]
    public async Task Serve_refuses_bad_registry_flags_before_touching_the_data_dir(string flag, string value)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "tke-e2e", "flags-" + Guid.NewGuid().ToString("N"));
        var (code, _, stderr) = await TkeCommand.RunAsync("serve", "--data-dir", dataDir, flag, value);
        Assert.Equal(2, code);
        Assert.Contains(flag, stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dataDir));
    }

    [Fact]
    public async Task The_certificate_covers_the_registry_domain_and_its_tenant_hosts()
    {
        await using var server = new TkeServer("--registry-domain", "images.example.com", "--registry-gc-interval", "0");
        await server.StartAsync();
        using var certificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(server.DataDir, "pki", "server.crt")));
        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().ToList();
        Assert.Contains("images.example.com", names);
        Assert.Contains("*.images.example.com", names);
        Assert.DoesNotContain("*.registry.tke.com", names);
        Assert.True(certificate.MatchesHostname("default.images.example.com"));

        using var anonymous = server.CreateHttpClient(null);
        using var response = await anonymous.GetAsync("/v2/");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotNull(RegistryTokenFlow.ParseChallenge(response));
    }
}

using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Tke.Kubernetes.Resources;

namespace Tke.E2E.Tests.Clusters;

/// <summary>Importing the cluster under test through the platform API, as the console's import form does.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterImportTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(20);

    private PlatformClusterApi Api => fixture.Api;

    [Fact]
    public async Task An_imported_cluster_is_Running_within_seconds_with_its_version_nodes_and_capacity()
    {
        var target = fixture.Target;
        var credential = await Api.CreateCredentialAsync(target);
        var name = NewName();

        var (code, created) = await Api.ImportAsync(name, target, credential);
        Assert.True(code == 201, $"import answered {code}: {created.ToJsonString()}");
        Assert.Equal(target.Host, (string?)created["status"]?["addresses"]?[0]?["host"]);

        var cluster = await Api.WaitForAsync(name, c => PlatformClusterApi.Phase(c) == "Running", Soon, "Running");
        var facts = await DirectClusterFacts.ReadAsync(target);
        var status = cluster["status"]!;
        Assert.StartsWith("v", (string?)status["version"], StringComparison.Ordinal);
        Assert.Equal(facts.Cpu, Quantity.Parse((string)status["resource"]!["capacity"]!["cpu"]!));
        Assert.Equal(facts.Memory, Quantity.Parse((string)status["resource"]!["capacity"]!["memory"]!));
        Assert.NotNull(status["resource"]?["allocatable"]?["cpu"]);
        Assert.Equal(facts.Nodes, (int?)status["nodeCount"]);
        Assert.Equal(facts.ReadyNodes, (int?)status["readyNodeCount"]);
        var health = status["conditions"]!.AsArray().Single(c => (string?)c!["type"] == "HealthCheck")!;
        Assert.Equal("True", (string?)health["status"]);
        Assert.Contains($"{facts.Nodes} nodes, {facts.ReadyNodes} ready", (string?)health["message"], StringComparison.Ordinal);
        Assert.NotNull(health["lastProbeTime"]);
        Assert.NotNull(health["lastTransitionTime"]);

        // The credential is linked to its cluster once the import has succeeded.
        await WaitUntilAsync(async () => (string?)(await Api.GetAsync($"{PlatformClusterApi.Credentials}/{credential}")).Body?["clusterName"] == name, "the credential names its cluster");

        // The token is encrypted at rest, also after the platform has rewritten the credential.
        var storeDir = Path.Combine(fixture.Server.DataDir, "store");
        foreach (var file in new[] { "tke.db", "tke.db-wal" }.Select(f => Path.Combine(storeDir, f)).Where(File.Exists))
        {
            var secret = target.Token ?? target.ClientKeyPem!;
            Assert.True((await ReadSharedAsync(file)).AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"{Path.GetFileName(file)} holds the cluster's secret in the clear");
        }
    }

    [Fact]
    public async Task An_unreachable_address_is_refused_with_422_and_nothing_is_stored()
    {
        var credential = await Api.CreateCredentialAsync(fixture.Target);
        var port = ClosedPort();

        await AssertRefusedAsync(credential, port, $"cannot reach https://127.0.0.1:{port}: connection refused");
    }

    [Fact]
    public async Task A_wrong_token_is_refused_with_422_naming_the_401()
    {
        var credential = await Api.CreateCredentialAsync(fixture.Target, token: "not-the-token-" + Guid.NewGuid().ToString("N"));

        await AssertRefusedAsync(credential, "the cluster rejected the token (401)");
    }

    [Fact]
    public async Task A_wrong_CA_is_refused_with_422_about_the_certificate()
    {
        var credential = await Api.CreateCredentialAsync(fixture.Target, caPem: OtherCaPem());

        await AssertRefusedAsync(credential, "the cluster's certificate is not signed by the given CA");
    }

    [Fact]
    public async Task A_missing_credential_is_refused_with_422()
    {
        await AssertRefusedAsync("cc-doesnotexist", "spec.clusterCredentialRef.name: Not found");
    }

    private Task AssertRefusedAsync(string credential, string expectedMessage) =>
        AssertRefusedAsync(credential, fixture.Target.Host, fixture.Target.Port, expectedMessage);

    private async Task AssertRefusedAsync(string credential, int port, string expectedMessage) =>
        await AssertRefusedAsync(credential, "127.0.0.1", port, expectedMessage);

    private async Task AssertRefusedAsync(string credential, string host, int port, string expectedMessage)
    {
        var name = NewName();
        var (code, body) = await Api.ImportAsync(name, host, port, credential);

        Assert.True(code == 422, $"expected 422, got {code}: {body.ToJsonString()}");
        Assert.Equal("Invalid", (string?)body["reason"]);
        Assert.Contains(expectedMessage, (string?)body["message"], StringComparison.Ordinal);
        Assert.Equal(404, (await Api.GetAsync($"{PlatformClusterApi.Clusters}/{name}")).Code);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Soon;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(200);
        }
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    internal static string NewName() => "cls-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A port nothing listens on: bound, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A CA that did not sign the simulated cluster's certificate.</summary>
    private static string OtherCaPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=some other CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return ca.ExportCertificatePem();
    }
}

using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Tke.E2E.Tests.Hosting;

namespace Tke.E2E.Tests.Clusters;

/// <summary>The simulated cluster imported under a fresh name, and ways to reach it through the platform and directly.</summary>
public sealed class ProxiedCluster
{
    private readonly IClusterUnderTest _cluster;

    private ProxiedCluster(IClusterUnderTest cluster, string name)
    {
        _cluster = cluster;
        Name = name;
    }

    public string Name { get; }

    public string ProxyPath => $"{PlatformClusterApi.Clusters}/{Name}/proxy";

    public string KubeconfigPath => $"{PlatformClusterApi.Clusters}/{Name}/kubeconfig";

    /// <summary>Imports the cluster under test (a real one when TKE_TEST_KUBECONFIG names it).</summary>
    public static Task<ProxiedCluster> ImportAsync(ClusterFixture fixture) => ImportAsync(fixture, fixture.Target);

    /// <summary>Imports the simulated cluster, for tests that rely on simulated behaviour.</summary>
    public static Task<ProxiedCluster> ImportSimulatedAsync(ClusterFixture fixture) => ImportAsync(fixture, fixture.Sim);

    private static async Task<ProxiedCluster> ImportAsync(ClusterFixture fixture, IClusterUnderTest cluster)
    {
        var api = fixture.Api;
        var credential = await api.CreateCredentialAsync(cluster);
        var name = "cls-px" + Guid.NewGuid().ToString("N")[..8];
        var (code, created) = await api.ImportAsync(name, cluster, credential);
        Assert.True(code == 201, $"import answered {code}: {created.ToJsonString()}");
        await api.WaitForAsync(name, c => PlatformClusterApi.Phase(c) == "Running", TimeSpan.FromSeconds(30), "Running");
        return new ProxiedCluster(cluster, name);
    }

    /// <summary>A request through the platform that names the cluster in X-TKE-ClusterName.</summary>
    public HttpRequestMessage WithHeader(HttpMethod method, string path, JsonObject? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-TKE-ClusterName", Name);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        }

        return request;
    }

    /// <summary>The cluster itself with its administrator's credential, bypassing the platform.</summary>
    public HttpClient DirectClient() => DirectClientOf(_cluster);

    public static HttpClient DirectClientOf(IClusterUnderTest cluster)
    {
        var host = cluster.Host.Contains(':', StringComparison.Ordinal) ? $"[{cluster.Host}]" : cluster.Host;
        var certificate = cluster.ClientCertificatePem is { } cert && cluster.ClientKeyPem is { } key ? X509Certificate2.CreateFromPem(cert, key) : null;
        return CaTrustingHttpClient.Create(new Uri($"https://{host}:{cluster.Port}{cluster.PathPrefix}/"), X509Certificate2.CreateFromPem(cluster.CaPem), cluster.Token, certificate);
    }

    public static async Task<(int Code, JsonObject? Body)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return ((int)response.StatusCode, text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text)?.AsObject() : null);
        }
    }
}

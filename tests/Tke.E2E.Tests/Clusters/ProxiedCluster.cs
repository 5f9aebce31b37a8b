using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Tke.E2E.Tests.Hosting;

namespace Tke.E2E.Tests.Clusters;

/// <summary>The simulated cluster imported under a fresh name, and ways to reach it through the platform and directly.</summary>
public sealed class ProxiedCluster
{
    private readonly ClusterFixture _fixture;

    private ProxiedCluster(ClusterFixture fixture, string name)
    {
        _fixture = fixture;
        Name = name;
    }

    public string Name { get; }

    public string ProxyPath => $"{PlatformClusterApi.Clusters}/{Name}/proxy";

    public string KubeconfigPath => $"{PlatformClusterApi.Clusters}/{Name}/kubeconfig";

    public static async Task<ProxiedCluster> ImportAsync(ClusterFixture fixture)
    {
        var api = fixture.Api;
        var credential = await api.CreateCredentialAsync(fixture.Sim.CaPem, fixture.Sim.Token);
        var name = "cls-px" + Guid.NewGuid().ToString("N")[..8];
        var (code, created) = await api.ImportAsync(name, "127.0.0.1", fixture.Sim.Port, credential);
        Assert.True(code == 201, $"import answered {code}: {created.ToJsonString()}");
        await api.WaitForAsync(name, c => PlatformClusterApi.Phase(c) == "Running", TimeSpan.FromSeconds(30), "Running");
        return new ProxiedCluster(fixture, name);
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

    /// <summary>The simulated cluster itself with its admin token, bypassing the platform.</summary>
    public HttpClient DirectClient() =>
        CaTrustingHttpClient.Create(new Uri($"https://{_fixture.Sim.HostPort}"), X509Certificate2.CreateFromPem(_fixture.Sim.CaPem), _fixture.Sim.Token);

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

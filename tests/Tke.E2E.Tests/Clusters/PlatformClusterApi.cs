using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Tke.E2E.Tests.Hosting;

namespace Tke.E2E.Tests.Clusters;

/// <summary>The import flow of TKEStack's console through the platform API: a ClusterCredential
/// first, then an Imported Cluster that references it and carries the API server address.</summary>
public sealed class PlatformClusterApi(HttpClient http, ServerOutput output)
{
    public const string Clusters = "/apis/platform.tkestack.io/v1/clusters";
    public const string Credentials = "/apis/platform.tkestack.io/v1/clustercredentials";

    public Task<string> CreateCredentialAsync(string caPem, string token) => CreateCredentialAsync(caPem, token, null, null);

    /// <summary>The credential of <paramref name="cluster"/> as its kubeconfig grants it; <paramref name="token"/> replaces its token, certificate or not.</summary>
    public Task<string> CreateCredentialAsync(IClusterUnderTest cluster, string? token = null, string? caPem = null) =>
        token is null
            ? CreateCredentialAsync(caPem ?? cluster.CaPem, cluster.Token, cluster.ClientCertificatePem, cluster.ClientKeyPem)
            : CreateCredentialAsync(caPem ?? cluster.CaPem, token, null, null);

    public Task<(int Code, JsonObject Body)> ImportAsync(string name, IClusterUnderTest cluster, string credential) =>
        ImportAsync(name, cluster.Host, cluster.Port, credential, cluster.PathPrefix);

    private async Task<string> CreateCredentialAsync(string caPem, string? token, string? clientCertPem, string? clientKeyPem)
    {
        var body = new JsonObject
        {
            ["apiVersion"] = "platform.tkestack.io/v1",
            ["kind"] = "ClusterCredential",
            ["metadata"] = new JsonObject { ["generateName"] = "cc-" },
            ["caCert"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(caPem)),
        };
        if (token is not null)
        {
            body["token"] = token;
        }

        if (clientCertPem is not null && clientKeyPem is not null)
        {
            body["clientCert"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(clientCertPem));
            body["clientKey"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(clientKeyPem));
        }

        using var response = await http.PostAsJsonAsync(Credentials, body);
        var created = await ReadAsync(response, 201);
        return (string)created["metadata"]!["name"]!;
    }

    public async Task<(int Code, JsonObject Body)> ImportAsync(string name, string host, int port, string credential, string? pathPrefix = null)
    {
        var address = new JsonObject { ["type"] = "Advertise", ["host"] = host, ["port"] = port };
        if (pathPrefix is not null)
        {
            address["path"] = pathPrefix;
        }

        var body = new JsonObject
        {
            ["apiVersion"] = "platform.tkestack.io/v1",
            ["kind"] = "Cluster",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject
            {
                ["type"] = "Imported",
                ["displayName"] = "simulated " + name,
                ["clusterCredentialRef"] = new JsonObject { ["name"] = credential },
            },
            ["status"] = new JsonObject
            {
                ["addresses"] = new JsonArray(address),
            },
        };
        using var response = await http.PostAsJsonAsync(Clusters, body);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    public async Task<(int Code, JsonObject? Body)> GetAsync(string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length > 0 ? JsonNode.Parse(text)?.AsObject() : null);
    }

    /// <summary>Polls the cluster until <paramref name="done"/> holds; fails with the last status seen and the server's log.</summary>
    public async Task<JsonObject> WaitForAsync(string name, Func<JsonObject, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonObject? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var (code, body) = await GetAsync($"{Clusters}/{name}");
            if (code == 200 && body is not null)
            {
                last = body;
                if (done(body))
                {
                    return body;
                }
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"cluster {name} did not become {what} within {timeout}; last status: {last?["status"]?.ToJsonString()}\n{output.Tail()}");
    }

    public static string? Phase(JsonObject cluster) => (string?)cluster["status"]?["phase"];

    private async Task<JsonObject> ReadAsync(HttpResponseMessage response, int expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expected, $"expected {expected}, got {(int)response.StatusCode}: {text}\n{output.Tail()}");
        return JsonNode.Parse(text)!.AsObject();
    }
}

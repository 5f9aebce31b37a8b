using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tke.Benchmarks;

/// <summary>
/// TKEStack's import flow through the platform API: a ClusterCredential holding the cluster's CA
/// and token, then an Imported Cluster that references it and carries the API server address.
/// </summary>
public sealed class ClusterRegistration(ApiClient platform)
{
    public const string Clusters = "/apis/platform.tkestack.io/v1/clusters";
    private const string Credentials = "/apis/platform.tkestack.io/v1/clustercredentials";

    public async Task ImportAsync(string name, SimClusterProcess sim, CancellationToken cancellationToken)
    {
        var credential = new JsonObject
        {
            ["apiVersion"] = "platform.tkestack.io/v1",
            ["kind"] = "ClusterCredential",
            ["metadata"] = new JsonObject { ["name"] = "cc-" + name },
            ["caCert"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(sim.CaPem)),
            ["token"] = sim.Token,
        };
        await PostAsync(Credentials, credential, cancellationToken);
        var cluster = new JsonObject
        {
            ["apiVersion"] = "platform.tkestack.io/v1",
            ["kind"] = "Cluster",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject
            {
                ["type"] = "Imported",
                ["displayName"] = "benchmark " + name,
                ["clusterCredentialRef"] = new JsonObject { ["name"] = "cc-" + name },
            },
            ["status"] = new JsonObject
            {
                ["addresses"] = new JsonArray(new JsonObject { ["type"] = "Advertise", ["host"] = sim.Address.Host, ["port"] = sim.Address.Port }),
            },
        };
        await PostAsync(Clusters, cluster, cancellationToken);
    }

    /// <summary>Every cluster's name, phase and HealthCheck lastProbeTime, in one list request.</summary>
    public async Task<IReadOnlyList<ClusterHealth>> ListHealthAsync(CancellationToken cancellationToken)
    {
        using var response = await platform.Http.GetAsync(Clusters, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"listing clusters answered {(int)response.StatusCode}");
        }

        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        var result = new List<ClusterHealth>();
        foreach (var item in document.RootElement.GetProperty("items").EnumerateArray())
        {
            var name = item.GetProperty("metadata").GetProperty("name").GetString() ?? "";
            string? phase = null;
            DateTimeOffset? probed = null;
            if (item.TryGetProperty("status", out var status))
            {
                phase = status.TryGetProperty("phase", out var p) ? p.GetString() : null;
                if (status.TryGetProperty("conditions", out var conditions))
                {
                    foreach (var condition in conditions.EnumerateArray())
                    {
                        if (condition.TryGetProperty("type", out var type) && type.GetString() == "HealthCheck"
                            && condition.TryGetProperty("lastProbeTime", out var time) && time.ValueKind == JsonValueKind.String
                            && DateTimeOffset.TryParse(time.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var at))
                        {
                            probed = at;
                        }
                    }
                }
            }

            result.Add(new ClusterHealth(name, phase, probed));
        }

        return result;
    }

    /// <summary>Polls until every named cluster is Running.</summary>
    public async Task WaitUntilRunningAsync(IReadOnlyCollection<string> names, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var wanted = names.ToHashSet(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + timeout;
        var running = 0;
        while (DateTime.UtcNow < deadline)
        {
            running = (await ListHealthAsync(cancellationToken)).Count(c => wanted.Contains(c.Name) && c.Phase == "Running");
            if (running == wanted.Count)
            {
                return;
            }

            await Task.Delay(500, cancellationToken);
        }

        throw new TimeoutException($"only {running} of {wanted.Count} clusters were Running after {timeout.TotalSeconds:F0} s");
    }

    private async Task PostAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await platform.Http.PostAsync(path, content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        }
    }
}

/// <summary>What the platform last recorded about one cluster's health.</summary>
public readonly record struct ClusterHealth(string Name, string? Phase, DateTimeOffset? LastProbeTime);

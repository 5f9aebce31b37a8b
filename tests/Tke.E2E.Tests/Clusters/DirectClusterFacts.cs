using System.Text.Json.Nodes;
using Tke.Kubernetes.Resources;

namespace Tke.E2E.Tests.Clusters;

/// <summary>What the cluster itself says about its nodes, read directly (not through the
/// platform), to check what the platform reports against.</summary>
public sealed record DirectClusterFacts(int Nodes, int ReadyNodes, Quantity Cpu, Quantity Memory)
{
    public static async Task<DirectClusterFacts> ReadAsync(IClusterUnderTest cluster)
    {
        using var client = ProxiedCluster.DirectClientOf(cluster);
        using var response = await client.GetAsync("api/v1/nodes");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"listing nodes directly answered {(int)response.StatusCode}: {text}");
        var nodes = JsonNode.Parse(text)!["items"]!.AsArray().Select(n => n!).ToList();
        var ready = nodes.Count(n => n["status"]?["conditions"]?.AsArray().Any(c => (string?)c!["type"] == "Ready" && (string?)c["status"] == "True") == true);
        return new DirectClusterFacts(
            nodes.Count,
            ready,
            Quantity.Sum(nodes.Select(n => Quantity.Parse((string?)n["status"]?["capacity"]?["cpu"] ?? "0"))),
            Quantity.Sum(nodes.Select(n => Quantity.Parse((string?)n["status"]?["capacity"]?["memory"] ?? "0"))));
    }
}

using System.Text;
using System.Text.Json.Nodes;

namespace Tke.E2E.Tests.Resources;

/// <summary>
/// Valid platform.tkestack.io/v1 Clusters for the tests. A Baremetal cluster is the one type
/// the API accepts without any other object existing, so it is the test's default. The
/// machine's port and user are given although they have defaults, so that a client-side
/// apply of the same manifest finds nothing to change.
/// </summary>
public static class ClusterManifest
{
    public const string ApiVersion = "platform.tkestack.io/v1";
    public const string TenantId = "e2e-tenant";

    public static JsonObject Json(string name, string displayName = "e2e", IReadOnlyDictionary<string, string>? labels = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (labels is { Count: > 0 })
        {
            metadata["labels"] = new JsonObject(labels.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        }

        return new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = "Cluster",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject
            {
                ["tenantID"] = TenantId,
                ["displayName"] = displayName,
                ["type"] = "Baremetal",
                ["version"] = "1.20.4",
                ["clusterCIDR"] = "10.244.0.0/16",
                ["properties"] = new JsonObject { ["maxClusterServiceNum"] = 256, ["maxNodePodNum"] = 64 },
                ["machines"] = new JsonArray(new JsonObject { ["ip"] = "10.0.0.10", ["port"] = 22, ["username"] = "root", ["password"] = "cGFzc3dvcmQ=" }),
            },
        };
    }

    /// <summary>The same cluster as <see cref="Json"/>, written as a YAML document.</summary>
    public static string Yaml(string name, string displayName = "e2e", IReadOnlyDictionary<string, string>? labels = null)
    {
        var yaml = new StringBuilder()
            .Append("apiVersion: ").Append(ApiVersion).Append('\n')
            .Append("kind: Cluster\n")
            .Append("metadata:\n")
            .Append("  name: ").Append(name).Append('\n');
        if (labels is { Count: > 0 })
        {
            yaml.Append("  labels:\n");
            foreach (var (key, value) in labels)
            {
                yaml.Append("    ").Append(key).Append(": \"").Append(value).Append("\"\n");
            }
        }

        return yaml
            .Append("spec:\n")
            .Append("  tenantID: ").Append(TenantId).Append('\n')
            .Append("  displayName: ").Append(displayName).Append('\n')
            .Append("  type: Baremetal\n")
            .Append("  version: 1.20.4\n")
            .Append("  clusterCIDR: 10.244.0.0/16\n")
            .Append("  properties:\n")
            .Append("    maxClusterServiceNum: 256\n")
            .Append("    maxNodePodNum: 64\n")
            .Append("  machines:\n")
            .Append("  - ip: 10.0.0.10\n")
            .Append("    port: 22\n")
            .Append("    username: root\n")
            .Append("    password: cGFzc3dvcmQ=\n")
            .ToString();
    }

    /// <summary>Several clusters as one multi-document YAML stream.</summary>
    public static string YamlStream(IEnumerable<string> names, IReadOnlyDictionary<string, string>? labels = null) =>
        string.Join("---\n", names.Select(n => Yaml(n, labels: labels)));

    public static Dictionary<string, string> Label(string key, string value) => new() { [key] = value };
}

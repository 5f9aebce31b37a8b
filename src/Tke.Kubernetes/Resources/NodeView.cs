using System.Text.Json.Nodes;

namespace Tke.Kubernetes.Resources;

public sealed record NodeTaint(string Key, string? Value, string Effect);

public sealed record NodeCondition(string Type, string Status, string? Reason, string? Message, DateTimeOffset? LastHeartbeatTime, DateTimeOffset? LastTransitionTime);

public sealed record NodeAddress(string Type, string Address);

/// <summary>The fields of a core/v1 Node that node management and cluster health read.</summary>
public sealed record NodeView(
    ObjectMeta Metadata,
    bool Unschedulable,
    IReadOnlyList<NodeTaint> Taints,
    IReadOnlyList<NodeCondition> Conditions,
    IReadOnlyDictionary<string, Quantity> Capacity,
    IReadOnlyDictionary<string, Quantity> Allocatable,
    IReadOnlyList<NodeAddress> Addresses,
    string? KubeletVersion,
    IReadOnlyList<string> Roles)
{
    private const string RoleLabelPrefix = "node-role.kubernetes.io/";

    // Set by older installers instead of the node-role.kubernetes.io/* labels.
    private const string LegacyRoleLabel = "kubernetes.io/role";

    public string Name => Metadata.Name;

    public IReadOnlyDictionary<string, string> Labels => Metadata.Labels;

    /// <summary>The Ready condition is True; a node without one (never reported) is not ready.</summary>
    public bool Ready => Conditions.Any(c => c.Type == "Ready" && c.Status == "True");

    public string? InternalIP => Addresses.FirstOrDefault(a => a.Type == "InternalIP")?.Address;

    public static NodeView From(JsonObject node)
    {
        var metadata = ObjectMeta.From(node);
        var spec = node["spec"] as JsonObject ?? [];
        var status = node["status"] as JsonObject ?? [];
        return new NodeView(
            metadata,
            JsonFields.Bool(spec["unschedulable"]),
            JsonFields.Objects(spec["taints"])
                .Select(t => new NodeTaint(JsonFields.String(t["key"]) ?? "", JsonFields.String(t["value"]), JsonFields.String(t["effect"]) ?? ""))
                .ToList(),
            JsonFields.Objects(status["conditions"])
                .Select(c => new NodeCondition(
                    JsonFields.String(c["type"]) ?? "",
                    JsonFields.String(c["status"]) ?? "Unknown",
                    JsonFields.String(c["reason"]),
                    JsonFields.String(c["message"]),
                    JsonFields.Time(c["lastHeartbeatTime"]),
                    JsonFields.Time(c["lastTransitionTime"])))
                .ToList(),
            JsonFields.QuantityMap(status["capacity"]),
            JsonFields.QuantityMap(status["allocatable"]),
            JsonFields.Objects(status["addresses"])
                .Select(a => new NodeAddress(JsonFields.String(a["type"]) ?? "", JsonFields.String(a["address"]) ?? ""))
                .ToList(),
            JsonFields.String(status["nodeInfo"]?["kubeletVersion"]),
            RolesOf(metadata.Labels));
    }

    /// <summary>Roles as kubectl shows them: node-role.kubernetes.io/&lt;role&gt; label keys, plus the legacy kubernetes.io/role value.</summary>
    private static List<string> RolesOf(IReadOnlyDictionary<string, string> labels)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in labels)
        {
            if (key.StartsWith(RoleLabelPrefix, StringComparison.Ordinal) && key.Length > RoleLabelPrefix.Length)
            {
                roles.Add(key[RoleLabelPrefix.Length..]);
            }
            else if (key == LegacyRoleLabel && value.Length > 0)
            {
                roles.Add(value);
            }
        }

        return [.. roles];
    }
}

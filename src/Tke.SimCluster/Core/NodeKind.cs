using Tke.ApiMachinery.Kinds;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Core;

/// <summary>core/v1 nodes (cluster-scoped). As in Kubernetes, a node may be created with its status.</summary>
public sealed class NodeKind : KubernetesKind<Node>
{
    public const string RoleLabelPrefix = "node-role.kubernetes.io/";

    public override string Group => "";

    public override string Kind => "Node";

    public override string Plural => "nodes";

    public override IReadOnlyList<string> ShortNames => ["no"];

    public override KindScope Scope => KindScope.Cluster;

    public override bool KeepsStatusOnCreate => true;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Status", DisplayStatus, description: "Ready or NotReady, and SchedulingDisabled when cordoned."),
        Column("Roles", Roles, description: "Roles from the node-role.kubernetes.io/ labels."),
        Column("Version", n => n.Status?.NodeInfo?.KubeletVersion ?? "", description: "Kubelet version reported by the node."),
        Column("Internal-IP", n => Address(n, "InternalIP"), priority: 1, description: "The node's internal IP."),
        Column("External-IP", n => Address(n, "ExternalIP"), priority: 1, description: "The node's external IP."),
        Column("OS-Image", n => n.Status?.NodeInfo?.OsImage ?? "<unknown>", priority: 1, description: "OS image reported by the node."),
        Column("Kernel-Version", n => n.Status?.NodeInfo?.KernelVersion ?? "<unknown>", priority: 1, description: "Kernel version reported by the node."),
        Column("Container-Runtime", n => n.Status?.NodeInfo?.ContainerRuntimeVersion ?? "<unknown>", priority: 1, description: "Container runtime reported by the node."),
    ];

    protected override IReadOnlyDictionary<string, Func<Node, string?>> TypedSelectableFields => new Dictionary<string, Func<Node, string?>>
    {
        ["spec.unschedulable"] = n => n.Spec.Unschedulable == true ? "true" : "false",
    };

    public static bool IsReady(Node node) =>
        node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status == "True";

    private static string DisplayStatus(Node node)
    {
        var status = node.Status?.Conditions?.Any(c => c.Type == "Ready") == true
            ? (IsReady(node) ? "Ready" : "NotReady")
            : "Unknown";
        return node.Spec.Unschedulable == true ? status + ",SchedulingDisabled" : status;
    }

    private static string Roles(Node node)
    {
        var roles = (node.Metadata.Labels ?? [])
            .Keys.Where(k => k.StartsWith(RoleLabelPrefix, StringComparison.Ordinal) && k.Length > RoleLabelPrefix.Length)
            .Select(k => k[RoleLabelPrefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
        return roles.Count == 0 ? "<none>" : string.Join(',', roles);
    }

    private static string Address(Node node, string type) =>
        node.Status?.Addresses?.FirstOrDefault(a => a.Type == type)?.Address ?? "<none>";
}

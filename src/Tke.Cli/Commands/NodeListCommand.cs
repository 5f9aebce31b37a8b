using System.CommandLine;
using Tke.Cli.Client;
using Tke.Kubernetes.Client;
using Tke.Kubernetes.Resources;

namespace Tke.Cli.Commands;

/// <summary>`tke node list`: the cluster's nodes with status, roles and capacity.</summary>
public static class NodeListCommand
{
    public static Command Create()
    {
        var target = new NodeTargetOptions();
        var command = new Command("list", "List the cluster's nodes (STATUS shows SchedulingDisabled for cordoned nodes).");
        target.AddTo(command);
        command.SetAction((parse, cancellationToken) => ProxiedCluster.RunAsync("tke node list", async () =>
        {
            using var cluster = target.Connect(parse);
            var nodes = (await cluster.ListAllAsync(GroupVersionResource.Core("nodes"), null, ct: cancellationToken)).Items
                .Select(NodeView.From)
                .OrderBy(n => n.Name, StringComparer.Ordinal)
                .ToList();
            if (nodes.Count == 0)
            {
                await Console.Error.WriteLineAsync("No nodes found.");
                return 0;
            }

            var now = DateTimeOffset.UtcNow;
            var table = new TextTable("NAME", "STATUS", "ROLES", "CPU", "MEMORY", "PODS", "VERSION", "AGE");
            foreach (var node in nodes)
            {
                table.Add(
                    node.Name,
                    Status(node),
                    node.Roles.Count == 0 ? "<none>" : string.Join(',', node.Roles),
                    Capacity(node, "cpu"),
                    Capacity(node, "memory"),
                    Capacity(node, "pods"),
                    node.KubeletVersion ?? "<unknown>",
                    node.Metadata.CreationTimestamp is { } created ? ObjectAge.Format(now - created) : "<unknown>");
            }

            table.WriteTo(Console.Out);
            return 0;
        }));
        return command;
    }

    /// <summary>As kubectl: Ready, NotReady or Unknown, then SchedulingDisabled when cordoned.</summary>
    public static string Status(NodeView node)
    {
        var ready = node.Conditions.FirstOrDefault(c => c.Type == "Ready");
        var status = ready is null ? "Unknown" : ready.Status == "True" ? "Ready" : "NotReady";
        return node.Unschedulable ? status + ",SchedulingDisabled" : status;
    }

    private static string Capacity(NodeView node, string resource) =>
        node.Capacity.TryGetValue(resource, out var quantity) ? quantity.ToString() : "<none>";
}

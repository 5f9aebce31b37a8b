using System.CommandLine;
using System.Text.Json.Nodes;
using Tke.Cli.Client;
using Tke.Kubernetes.Client;

namespace Tke.Cli.Commands;

/// <summary>`tke node cordon|uncordon NODE`: marks a node unschedulable, or schedulable again.</summary>
public static class NodeCordonCommand
{
    public static Command Create(bool cordon)
    {
        var verb = cordon ? "cordon" : "uncordon";
        var target = new NodeTargetOptions();
        var node = new Argument<string>("NODE") { Description = "Name of the node." };
        var command = new Command(verb, cordon ? "Mark a node unschedulable: new pods are not placed on it." : "Mark a node schedulable again.") { node };
        target.AddTo(command);
        command.SetAction((parse, cancellationToken) => ProxiedCluster.RunAsync($"tke node {verb}", async () =>
        {
            using var cluster = target.Connect(parse);
            var name = parse.GetValue(node)!;
            await SetUnschedulableAsync(cluster, name, cordon, cancellationToken);
            await Console.Out.WriteLineAsync($"node/{name} {verb}ed");
            return 0;
        }));
        return command;
    }

    public static Task SetUnschedulableAsync(KubernetesClient cluster, string node, bool unschedulable, CancellationToken cancellationToken) =>
        cluster.PatchAsync(
            GroupVersionResource.Core("nodes"),
            null,
            node,
            PatchType.Merge,
            // null removes the field, as kubectl uncordon leaves it.
            new JsonObject { ["spec"] = new JsonObject { ["unschedulable"] = unschedulable ? true : null } },
            cancellationToken);
}

using System.CommandLine;
using System.Text.Json.Nodes;
using Tke.Cli.Client;
using Tke.Kubernetes.Client;

namespace Tke.Cli.Commands;

/// <summary>`tke node label NODE key=value... key-...`: sets and removes node labels.</summary>
public static class NodeLabelCommand
{
    public static Command Create()
    {
        var target = new NodeTargetOptions();
        var node = new Argument<string>("NODE") { Description = "Name of the node." };
        var changes = new Argument<string[]>("CHANGES") { Description = "key=value to set a label, key- to remove it.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("label", "Set (key=value) or remove (key-) labels of a node.") { node, changes };
        target.AddTo(command);
        command.SetAction((parse, cancellationToken) => ProxiedCluster.RunAsync("tke node label", async () =>
        {
            var labels = new JsonObject();
            foreach (var change in parse.GetValue(changes)!)
            {
                if (change.EndsWith('-') && !change.Contains('='))
                {
                    labels[change[..^1]] = null; // a merge patch removes a key set to null
                }
                else if (change.IndexOf('=', StringComparison.Ordinal) is > 0 and var eq)
                {
                    labels[change[..eq]] = change[(eq + 1)..];
                }
                else
                {
                    throw new CommandFailedException($"\"{change}\" is neither key=value nor key-");
                }
            }

            using var cluster = target.Connect(parse);
            var name = parse.GetValue(node)!;
            await cluster.PatchAsync(GroupVersionResource.Core("nodes"), null, name, PatchType.Merge,
                new JsonObject { ["metadata"] = new JsonObject { ["labels"] = labels } }, cancellationToken);
            await Console.Out.WriteLineAsync($"node/{name} labeled");
            return 0;
        }));
        return command;
    }
}

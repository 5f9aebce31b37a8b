using System.CommandLine;
using System.Text.Json.Nodes;
using Tke.Cli.Client;
using Tke.Kubernetes.Client;
using Tke.Kubernetes.Resources;

namespace Tke.Cli.Commands;

/// <summary>`tke node taint NODE key=value:Effect... key:Effect-...`: adds, replaces and removes taints.</summary>
public static class NodeTaintCommand
{
    private static readonly string[] Effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    public static Command Create()
    {
        var target = new NodeTargetOptions();
        var node = new Argument<string>("NODE") { Description = "Name of the node." };
        var changes = new Argument<string[]>("CHANGES") { Description = "key[=value]:Effect to add a taint, key[:Effect]- to remove it.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("taint", "Add (key=value:Effect) or remove (key:Effect-) taints of a node.") { node, changes };
        target.AddTo(command);
        command.SetAction((parse, cancellationToken) => ProxiedCluster.RunAsync("tke node taint", async () =>
        {
            var parsed = parse.GetValue(changes)!.Select(Parse).ToList();
            using var cluster = target.Connect(parse);
            var name = parse.GetValue(node)!;
            var current = await cluster.GetAsync(GroupVersionResource.Core("nodes"), null, name, cancellationToken);
            var taints = NodeView.From(current).Taints.ToList();
            foreach (var (taint, remove) in parsed)
            {
                var removed = taints.RemoveAll(t => t.Key == taint.Key && (taint.Effect.Length == 0 || t.Effect == taint.Effect));
                if (remove && removed == 0)
                {
                    throw new CommandFailedException($"taint \"{taint.Key}{(taint.Effect.Length > 0 ? ":" + taint.Effect : "")}\" not found on node {name}");
                }

                if (!remove)
                {
                    taints.Add(taint);
                }
            }

            // The whole list with the read resourceVersion: a concurrent change is a conflict, not lost.
            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject { ["resourceVersion"] = current["metadata"]?["resourceVersion"]?.DeepClone() },
                ["spec"] = new JsonObject
                {
                    ["taints"] = taints.Count == 0 ? null : new JsonArray(taints.Select(ToJson).ToArray<JsonNode?>()),
                },
            };
            await cluster.PatchAsync(GroupVersionResource.Core("nodes"), null, name, PatchType.Merge, patch, cancellationToken);
            await Console.Out.WriteLineAsync($"node/{name} tainted");
            return 0;
        }));
        return command;
    }

    private static (NodeTaint Taint, bool Remove) Parse(string text)
    {
        var remove = text.EndsWith('-');
        var body = remove ? text[..^1] : text;
        var colon = body.LastIndexOf(':');
        var effect = colon >= 0 ? body[(colon + 1)..] : "";
        var keyValue = colon >= 0 ? body[..colon] : body;
        var eq = keyValue.IndexOf('=', StringComparison.Ordinal);
        var key = eq >= 0 ? keyValue[..eq] : keyValue;
        var value = eq >= 0 ? keyValue[(eq + 1)..] : null;
        if (key.Length == 0 || (effect.Length > 0 && !Effects.Contains(effect)) || (!remove && effect.Length == 0))
        {
            throw new CommandFailedException($"\"{text}\" is not a taint: use key=value:Effect or key:Effect- with Effect one of {string.Join(", ", Effects)}");
        }

        return (new NodeTaint(key, value, effect), remove);
    }

    private static JsonObject ToJson(NodeTaint taint)
    {
        var json = new JsonObject { ["key"] = taint.Key };
        if (taint.Value is not null)
        {
            json["value"] = taint.Value;
        }

        json["effect"] = taint.Effect;
        return json;
    }
}

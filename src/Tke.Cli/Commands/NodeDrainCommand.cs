using System.CommandLine;
using System.Globalization;
using Tke.Auth.Apis.ApiKeys;
using Tke.Cli.Client;

namespace Tke.Cli.Commands;

/// <summary>`tke node drain NODE`: cordons the node, then evicts its pods honouring disruption budgets.</summary>
public static class NodeDrainCommand
{
    public static Command Create()
    {
        var target = new NodeTargetOptions();
        var node = new Argument<string>("NODE") { Description = "Name of the node." };
        var ignoreDaemonSets = new Option<bool>("--ignore-daemonsets") { Description = "Leave DaemonSet pods on the node (otherwise their presence stops the drain).", DefaultValueFactory = _ => true };
        var timeout = new Option<string>("--timeout") { Description = "How long to keep evicting before giving up (Go duration, e.g. 60s, 5m).", DefaultValueFactory = _ => "60s" };
        var command = new Command("drain", "Cordon a node and evict its pods through the Eviction API (DaemonSet and mirror pods stay); exits 1 when pods remain at the timeout.")
        {
            node, ignoreDaemonSets, timeout,
        };
        target.AddTo(command);
        command.SetAction((parse, cancellationToken) => ProxiedCluster.RunAsync("tke node drain", async () =>
        {
            if (!GoDuration.TryParse(parse.GetValue(timeout) ?? "", out var limit) || limit <= TimeSpan.Zero)
            {
                throw new CommandFailedException("--timeout must be a positive duration such as 60s or 5m");
            }

            using var cluster = target.Connect(parse);
            var name = parse.GetValue(node)!;
            var deadline = DateTimeOffset.UtcNow + limit;
            await NodeCordonCommand.SetUnschedulableAsync(cluster, name, unschedulable: true, cancellationToken);
            await Console.Out.WriteLineAsync($"node/{name} cordoned");

            var drain = new NodeDrain(cluster, Console.Out, TimeProvider.System);
            var pods = await drain.PodsToEvictAsync(name, parse.GetValue(ignoreDaemonSets), cancellationToken);
            if (!await drain.EvictAllAsync(pods, deadline, cancellationToken))
            {
                await Console.Error.WriteLineAsync($"tke node drain: timed out after {limit.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s draining node {name}");
                return 1;
            }

            await Console.Out.WriteLineAsync($"node/{name} drained");
            return 0;
        }));
        return command;
    }
}

using System.CommandLine;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tke.Cli.Client;

namespace Tke.Cli.Commands;

/// <summary>`tke cluster list`: the clusters the caller may see, with their health.</summary>
public static class ClusterListCommand
{
    public static Command Create()
    {
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "kubeconfig of the platform (default: $KUBECONFIG, then tke-data/admin.kubeconfig)." };
        var command = new Command("list", "List clusters (NODES is ready/total from the last health check).") { kubeconfig };
        command.SetAction((parse, cancellationToken) => CommandErrorBoundary.RunAsync("tke cluster list", async () =>
        {
            var config = Kubeconfig.Load(Kubeconfig.ResolvePath(parse.GetValue(kubeconfig)));
            using var http = PlatformClient.Create(config);
            var clusters = await http.ListObjectsAsync("apis/platform.tkestack.io/v1/clusters", cancellationToken);
            if (clusters.Count == 0)
            {
                await Console.Error.WriteLineAsync("No clusters found.");
                return 0;
            }

            var now = DateTimeOffset.UtcNow;
            var table = new TextTable("NAME", "DISPLAY NAME", "TYPE", "VERSION", "STATUS", "NODES", "AGE");
            foreach (var cluster in clusters.OrderBy(c => (string?)c["metadata"]?["name"], StringComparer.Ordinal))
            {
                table.Add(
                    (string?)cluster["metadata"]?["name"],
                    (string?)cluster["spec"]?["displayName"],
                    (string?)cluster["spec"]?["type"],
                    (string?)cluster["status"]?["version"] is { Length: > 0 } version ? version : "<none>",
                    (string?)cluster["status"]?["phase"] is { Length: > 0 } phase ? phase : "<unknown>",
                    Nodes(cluster),
                    ObjectAge.Of(cluster, now));
            }

            table.WriteTo(Console.Out);
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// "ready/total" from status.readyNodeCount and status.nodeCount while the last health check
    /// passed; after a failed check the counts would be stale.
    /// </summary>
    private static string Nodes(JsonObject cluster)
    {
        var status = cluster["status"];
        var health = (status?["conditions"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(c => (string?)c["type"] == "HealthCheck");
        return health is not null && (string?)health["status"] == "True" && (int?)status?["nodeCount"] is { } total
            ? $"{(int?)status["readyNodeCount"] ?? 0}/{total}"
            : "<unknown>";
    }
}

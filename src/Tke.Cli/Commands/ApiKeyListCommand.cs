using System.CommandLine;
using System.Text.Json.Nodes;
using Tke.Cli.Client;

namespace Tke.Cli.Commands;

/// <summary>`tke apikey list`: the caller's keys, without their values (the server redacts them).</summary>
public static class ApiKeyListCommand
{
    public static Command Create()
    {
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "kubeconfig to use (default: $KUBECONFIG, then tke-data/admin.kubeconfig)." };
        var command = new Command("list", "List your API keys.") { kubeconfig };
        command.SetAction((parse, cancellationToken) => CommandErrorBoundary.RunAsync("tke apikey list", async () =>
        {
            var config = Kubeconfig.Load(Kubeconfig.ResolvePath(parse.GetValue(kubeconfig)));
            using var http = PlatformClient.Create(config);
            var keys = await http.ListObjectsAsync("apis/auth.tkestack.io/v1/apikeys", cancellationToken);
            if (keys.Count == 0)
            {
                await Console.Error.WriteLineAsync("No API keys found.");
                return 0;
            }

            var now = DateTimeOffset.UtcNow;
            var table = new TextTable("NAME", "DESCRIPTION", "USERNAME", "EXPIRE AT", "DISABLED", "EXPIRED", "AGE");
            foreach (var key in keys.OrderBy(k => (string?)k["metadata"]?["creationTimestamp"], StringComparer.Ordinal))
            {
                table.Add(
                    (string?)key["metadata"]?["name"],
                    (string?)key["spec"]?["description"],
                    (string?)key["spec"]?["username"],
                    (string?)key["spec"]?["expire_at"],
                    Flag(key["status"]?["disabled"]),
                    Flag(key["status"]?["expired"]),
                    ObjectAge.Of(key, now));
            }

            table.WriteTo(Console.Out);
            return 0;
        }));
        return command;
    }

    private static string Flag(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b ? "true" : "false";
}

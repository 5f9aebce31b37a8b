using System.CommandLine;
using Tke.Cli.Client;

namespace Tke.Cli.Commands;

/// <summary>`tke user list`: the local users the caller may see (its tenant's).</summary>
public static class UserListCommand
{
    public static Command Create()
    {
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "kubeconfig to use (default: $KUBECONFIG, then tke-data/admin.kubeconfig)." };
        var command = new Command("list", "List local users.") { kubeconfig };
        command.SetAction((parse, cancellationToken) => CommandErrorBoundary.RunAsync("tke user list", async () =>
        {
            var config = Kubeconfig.Load(Kubeconfig.ResolvePath(parse.GetValue(kubeconfig)));
            using var http = PlatformClient.Create(config);
            var users = await http.ListObjectsAsync("apis/auth.tkestack.io/v1/localidentities", cancellationToken);
            if (users.Count == 0)
            {
                await Console.Error.WriteLineAsync("No users found.");
                return 0;
            }

            var now = DateTimeOffset.UtcNow;
            var table = new TextTable("NAME", "USERNAME", "DISPLAY NAME", "TENANT", "LOCKED", "AGE");
            foreach (var user in users.OrderBy(u => (string?)u["spec"]?["username"], StringComparer.Ordinal))
            {
                table.Add(
                    (string?)user["metadata"]?["name"],
                    (string?)user["spec"]?["username"],
                    (string?)user["spec"]?["displayName"],
                    (string?)user["spec"]?["tenantID"],
                    ((bool?)user["status"]?["locked"] ?? false) ? "true" : "false",
                    ObjectAge.Of(user, now));
            }

            table.WriteTo(Console.Out);
            return 0;
        }));
        return command;
    }
}

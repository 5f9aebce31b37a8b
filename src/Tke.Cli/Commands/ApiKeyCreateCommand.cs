using System.CommandLine;
using System.Text.Json.Nodes;
using Tke.Auth.Apis.ApiKeys;
using Tke.Cli.Client;

namespace Tke.Cli.Commands;

/// <summary>`tke apikey create`: issues a key for the caller and prints it; the platform never shows it again.</summary>
public static class ApiKeyCreateCommand
{
    public static Command Create()
    {
        var expire = new Option<string>("--expire") { Description = "Lifetime as a Go duration, e.g. 24h or 30m.", DefaultValueFactory = _ => "24h" };
        var description = new Option<string?>("--description") { Description = "What the key is used for." };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "kubeconfig to use (default: $KUBECONFIG, then tke-data/admin.kubeconfig)." };
        var command = new Command("create", "Create an API key and print it (only this once).") { expire, description, kubeconfig };
        command.SetAction((parse, cancellationToken) => CommandErrorBoundary.RunAsync("tke apikey create", async () =>
        {
            var lifetime = parse.GetValue(expire)!;
            if (!GoDuration.TryParse(lifetime, out var span) || span <= TimeSpan.Zero)
            {
                throw new CommandFailedException($"--expire {lifetime}: must be a positive duration such as 24h or 30m");
            }

            var config = Kubeconfig.Load(Kubeconfig.ResolvePath(parse.GetValue(kubeconfig)));
            using var http = PlatformClient.Create(config);
            var key = await http.PostObjectAsync("apis/auth.tkestack.io/v1/apikeys/default/token", new JsonObject
            {
                ["apiVersion"] = "auth.tkestack.io/v1",
                ["kind"] = "APIKeyReq",
                ["description"] = parse.GetValue(description) ?? "",
                ["expire"] = lifetime,
            }, cancellationToken);
            var value = (string?)key["spec"]?["apiKey"];
            if (string.IsNullOrEmpty(value))
            {
                throw new CommandFailedException("the server returned the API key without its value");
            }

            // The key alone on stdout, so `KEY=$(tke apikey create)` works; the note goes to stderr.
            Console.WriteLine(value);
            await Console.Error.WriteLineAsync(
                $"API key {(string?)key["metadata"]?["name"]} expires at {(string?)key["spec"]?["expire_at"]}; it is not shown again.");
            return 0;
        }));
        return command;
    }
}

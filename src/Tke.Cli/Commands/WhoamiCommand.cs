using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tke.Cli.Client;

namespace Tke.Cli.Commands;

/// <summary>`tke whoami`: who the platform takes the caller of a kubeconfig to be.</summary>
public static class WhoamiCommand
{
    public static Command Create()
    {
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "kubeconfig to use (default: $KUBECONFIG, then tke-data/admin.kubeconfig)." };
        var command = new Command("whoami", "Print the user, groups and tenant the platform sees for your credentials.") { kubeconfig };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var config = Kubeconfig.Load(Kubeconfig.ResolvePath(parse.GetValue(kubeconfig)));
                using var http = PlatformClient.Create(config);
                using var response = await http.PostAsJsonAsync(
                    "apis/authentication.k8s.io/v1/selfsubjectreviews",
                    new JsonObject { ["apiVersion"] = "authentication.k8s.io/v1", ["kind"] = "SelfSubjectReview" },
                    cancellationToken);
                var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    await Console.Error.WriteLineAsync($"tke whoami: {(int)response.StatusCode} {(string?)body?["message"] ?? response.ReasonPhrase}");
                    return 1;
                }

                var info = body?["status"]?["userInfo"];
                Console.WriteLine($"user:   {(string?)info?["username"]}");
                Console.WriteLine($"groups: {string.Join(", ", (info?["groups"] as JsonArray)?.Select(g => (string?)g) ?? [])}");
                Console.WriteLine($"tenant: {(string?)info?["extra"]?["tkestack.io/tenant-id"]?[0]}");
                return 0;
            }
            catch (Exception e) when (e is KubeconfigException or HttpRequestException or System.Text.Json.JsonException or TaskCanceledException)
            {
                await Console.Error.WriteLineAsync($"tke whoami: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}

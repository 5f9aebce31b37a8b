using System.CommandLine;
using Tke.ApiMachinery.Json;
using Tke.Cli.Client;

namespace Tke.Cli.Commands;

/// <summary>
/// `tke kubeconfig --cluster cls-x`: the caller's own kubeconfig for one cluster, reaching it
/// through the platform's proxy with the caller's identity.
/// </summary>
public static class KubeconfigCommand
{
    public static Command Create()
    {
        var cluster = new Option<string>("--cluster") { Description = "ID of the cluster, e.g. cls-abcd1234.", Required = true };
        var output = new Option<string?>("--output") { Description = "Write the kubeconfig to this file (mode 0600) instead of standard output." };
        var merge = new Option<bool>("--merge") { Description = "Add the cluster, user and context to the --kubeconfig file; its current context is kept." };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "kubeconfig of the platform (default: $KUBECONFIG, then tke-data/admin.kubeconfig)." };
        var command = new Command("kubeconfig", "Get a kubeconfig for a cluster that goes through the platform as you.") { cluster, output, merge, kubeconfig };
        command.SetAction((parse, cancellationToken) => CommandErrorBoundary.RunAsync("tke kubeconfig", async () =>
        {
            var target = parse.GetValue(output);
            if (target is not null && parse.GetValue(merge))
            {
                throw new CommandFailedException("--output and --merge cannot be combined");
            }

            var id = parse.GetValue(cluster)!;
            var path = Kubeconfig.ResolvePath(parse.GetValue(kubeconfig));
            var config = Kubeconfig.Load(path);
            using var http = PlatformClient.Create(config);
            var yaml = await http.GetTextAsync($"apis/platform.tkestack.io/v1/clusters/{Uri.EscapeDataString(id)}/kubeconfig", "application/yaml", cancellationToken);

            if (parse.GetValue(merge))
            {
                if (YamlJson.Parse(yaml) is not System.Text.Json.Nodes.JsonObject downloaded)
                {
                    throw new CommandFailedException("the server returned a kubeconfig that is not a YAML mapping");
                }

                var document = KubeconfigDocument.LoadOrEmpty(path);
                var contexts = document.MergeEntries(downloaded);
                document.Save();
                await Console.Error.WriteLineAsync($"merged into {path}; use it with kubectl --context {string.Join(" or --context ", contexts)}");
            }
            else if (target is not null)
            {
                OwnerOnlyFile.WriteAllText(target, yaml);
                await Console.Error.WriteLineAsync($"kubeconfig for {id} written to {target}");
            }
            else
            {
                await Console.Out.WriteAsync(yaml.EndsWith('\n') ? yaml : yaml + "\n");
            }

            return 0;
        }));
        return command;
    }
}

using System.CommandLine;
using System.Text.Json.Nodes;
using Tke.Cli.Client;
using ImportedClusterAccess = Tke.Kubernetes.Kubeconfig.ImportedClusterAccess;
using ClusterKubeconfigException = Tke.Kubernetes.Kubeconfig.KubeconfigException;
using Tke.Platform.Clusters.Import;

namespace Tke.Cli.Commands;

/// <summary>
/// `tke cluster import`: TKEStack's import flow. A ClusterCredential with what the cluster's
/// kubeconfig holds, then an Imported Cluster referencing it; the platform connects before it
/// accepts the cluster, and a refused import leaves no credential behind.
/// </summary>
public static class ClusterImportCommand
{
    private const string Credentials = "apis/platform.tkestack.io/v1/clustercredentials";
    private const string Clusters = "apis/platform.tkestack.io/v1/clusters";
    private const int MaxDisplayNameLength = ImportedClusterManifests.MaxDisplayNameLength;

    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = $"Display name of the cluster, at most {MaxDisplayNameLength} characters.", Required = true };
        var clusterKubeconfig = new Option<string>("--cluster-kubeconfig") { Description = "The cluster's own kubeconfig: its server, CA and token or client certificate are imported.", Required = true };
        var context = new Option<string?>("--context") { Description = "Context of --cluster-kubeconfig to import (default: its current context)." };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "kubeconfig of the platform (default: $KUBECONFIG, then tke-data/admin.kubeconfig)." };
        var command = new Command("import", "Import an existing Kubernetes cluster and print its ID.") { name, clusterKubeconfig, context, kubeconfig };
        command.SetAction((parse, cancellationToken) => CommandErrorBoundary.RunAsync("tke cluster import", async () =>
        {
            var displayName = parse.GetValue(name)!.Trim();
            if (displayName.Length is 0 or > MaxDisplayNameLength)
            {
                throw new CommandFailedException($"--name must be 1 to {MaxDisplayNameLength} characters");
            }

            var path = parse.GetValue(clusterKubeconfig)!;
            ImportedClusterAccess access;
            try
            {
                access = ImportedClusterAccess.FromFile(path, parse.GetValue(context));
            }
            catch (ClusterKubeconfigException e)
            {
                throw new CommandFailedException($"--cluster-kubeconfig {path}: {e.Message}");
            }

            var config = Kubeconfig.Load(Kubeconfig.ResolvePath(parse.GetValue(kubeconfig)));
            using var http = PlatformClient.Create(config);

            var credential = await http.PostObjectAsync(Credentials, ImportedClusterManifests.Credential(access), cancellationToken);
            var credentialName = (string?)credential["metadata"]?["name"] ?? throw new CommandFailedException("the server returned the credential without a name");
            JsonObject cluster;
            try
            {
                cluster = await http.PostObjectAsync(Clusters, ImportedClusterManifests.Cluster(displayName, (string?)credential["tenantID"], credentialName, access), cancellationToken);
            }
            catch (Exception e) when (e is CommandFailedException or HttpRequestException or TaskCanceledException)
            {
                await DeleteCredentialAsync(http, credentialName);
                throw;
            }

            var id = (string?)cluster["metadata"]?["name"] ?? throw new CommandFailedException("the server returned the cluster without a name");
            // The ID alone on stdout, so `ID=$(tke cluster import ...)` works.
            Console.WriteLine(id);
            await Console.Error.WriteLineAsync($"cluster {displayName} imported as {id}; `tke cluster list` shows its health");
            return 0;
        }));
        return command;
    }

    /// <summary>Best effort, and not cancellable: the import failed, and its credential must not linger.</summary>
    private static async Task DeleteCredentialAsync(HttpClient http, string credentialName)
    {
        try
        {
            await http.DeleteObjectAsync($"{Credentials}/{credentialName}", CancellationToken.None);
        }
        catch (Exception e) when (e is CommandFailedException or HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"tke cluster import: could not remove credential {credentialName}: {e.Message}");
        }
    }

}

using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using Tke.Cli.Client;

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
    private const int MaxDisplayNameLength = 60;

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

            var access = ImportedClusterAccess.FromKubeconfig(parse.GetValue(clusterKubeconfig)!, parse.GetValue(context));
            var config = Kubeconfig.Load(Kubeconfig.ResolvePath(parse.GetValue(kubeconfig)));
            using var http = PlatformClient.Create(config);

            var credential = await http.PostObjectAsync(Credentials, CredentialBody(access), cancellationToken);
            var credentialName = (string?)credential["metadata"]?["name"] ?? throw new CommandFailedException("the server returned the credential without a name");
            JsonObject cluster;
            try
            {
                cluster = await http.PostObjectAsync(Clusters, ClusterBody(displayName, (string?)credential["tenantID"], credentialName, access), cancellationToken);
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

    private static JsonObject CredentialBody(ImportedClusterAccess access)
    {
        var body = new JsonObject
        {
            ["apiVersion"] = "platform.tkestack.io/v1",
            ["kind"] = "ClusterCredential",
            ["metadata"] = new JsonObject { ["generateName"] = "cc-" },
        };
        if (access.CaPem is { } ca)
        {
            body["caCert"] = Base64(ca);
        }

        if (access.Token is { } token)
        {
            body["token"] = token;
        }

        if (access.ClientCertPem is { } cert && access.ClientKeyPem is { } key)
        {
            body["clientCert"] = Base64(cert);
            body["clientKey"] = Base64(key);
        }

        return body;
    }

    private static JsonObject ClusterBody(string displayName, string? tenantId, string credentialName, ImportedClusterAccess access)
    {
        var spec = new JsonObject
        {
            ["type"] = "Imported",
            ["displayName"] = displayName,
            ["clusterCredentialRef"] = new JsonObject { ["name"] = credentialName },
        };
        if (!string.IsNullOrEmpty(tenantId))
        {
            spec["tenantID"] = tenantId;
        }

        var address = new JsonObject { ["type"] = "Advertise", ["host"] = access.Host, ["port"] = access.Port };
        if (access.PathPrefix is { } path)
        {
            address["path"] = path;
        }

        return new JsonObject
        {
            ["apiVersion"] = "platform.tkestack.io/v1",
            ["kind"] = "Cluster",
            ["metadata"] = new JsonObject { ["generateName"] = "cls-" },
            ["spec"] = spec,
            ["status"] = new JsonObject { ["addresses"] = new JsonArray(address) },
        };
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

    private static string Base64(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));
}

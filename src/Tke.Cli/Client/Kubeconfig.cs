using System.Text.Json.Nodes;
using Tke.ApiMachinery.Json;

namespace Tke.Cli.Client;

/// <summary>The parts of a kubeconfig the tke command needs: the current context's server,
/// CA and credentials (token, token file, or client certificate).</summary>
public sealed record Kubeconfig(string Server, string? CaPem, bool InsecureSkipVerify, string? Token, string? ClientCertPem, string? ClientKeyPem)
{
    /// <summary>As kubectl looks: --kubeconfig, else $KUBECONFIG (first entry), else ~/.kube/config
    /// (where `tke login` writes); on a machine without one, the local server's ./tke-data/admin.kubeconfig.</summary>
    public static string ResolvePath(string? option)
    {
        var chosen = option ?? Environment.GetEnvironmentVariable("KUBECONFIG")?.Split(':', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (chosen is not null)
        {
            return chosen;
        }

        var home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        return File.Exists(home) ? home : Path.Combine("tke-data", "admin.kubeconfig");
    }

    public static Kubeconfig Load(string path, string? contextName = null)
    {
        if (!File.Exists(path))
        {
            throw new KubeconfigException($"kubeconfig {path} does not exist");
        }

        JsonNode? root;
        try
        {
            root = YamlJson.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or InvalidOperationException)
        {
            throw new KubeconfigException($"kubeconfig {path} is not valid YAML: {e.Message}");
        }

        var baseDir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var name = contextName ?? Text(root?["current-context"]) ?? throw new KubeconfigException($"kubeconfig {path} has no current-context");
        var context = Named(root?["contexts"], name, "context") ?? throw new KubeconfigException($"kubeconfig {path} has no context \"{name}\"");
        var clusterName = Text(context["cluster"]) ?? throw new KubeconfigException($"context \"{name}\" names no cluster");
        var cluster = Named(root?["clusters"], clusterName, "cluster") ?? throw new KubeconfigException($"kubeconfig {path} has no cluster \"{clusterName}\"");
        var userName = Text(context["user"]);
        var user = userName is null ? null : Named(root?["users"], userName, "user");

        return new Kubeconfig(
            Text(cluster["server"]) ?? throw new KubeconfigException($"cluster \"{clusterName}\" has no server"),
            DataOrFile(cluster, "certificate-authority-data", "certificate-authority", baseDir),
            cluster["insecure-skip-tls-verify"] is JsonValue v && v.TryGetValue<bool>(out var insecure) && insecure,
            Text(user?["token"]) ?? (Text(user?["tokenFile"]) is { } tokenFile ? File.ReadAllText(Resolve(baseDir, tokenFile)).Trim() : null),
            DataOrFile(user, "client-certificate-data", "client-certificate", baseDir),
            DataOrFile(user, "client-key-data", "client-key", baseDir));
    }

    private static JsonObject? Named(JsonNode? list, string name, string field) =>
        (list as JsonArray)?.OfType<JsonObject>().FirstOrDefault(e => Text(e["name"]) == name)?[field] as JsonObject;

    private static string? DataOrFile(JsonObject? section, string dataKey, string fileKey, string baseDir)
    {
        if (Text(section?[dataKey]) is { } data)
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(data));
        }

        return Text(section?[fileKey]) is { } file ? File.ReadAllText(Resolve(baseDir, file)) : null;
    }

    private static string Resolve(string baseDir, string file) => Path.IsPathRooted(file) ? file : Path.Combine(baseDir, file);

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

public sealed class KubeconfigException(string message) : Exception(message)
{
}

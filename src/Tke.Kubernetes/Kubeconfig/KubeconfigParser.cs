using System.Text.Json.Nodes;
using YamlDotNet.Core;

namespace Tke.Kubernetes.Kubeconfig;

/// <summary>Reads kubeconfig YAML (or JSON) into a <see cref="Kubeconfig"/>.</summary>
public static class KubeconfigParser
{
    /// <summary>Reads a kubeconfig file; relative paths inside it are resolved against its directory, as kubectl does.</summary>
    public static Kubeconfig Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeconfigException($"cannot read kubeconfig {path}: {e.Message}", e);
        }

        return Parse(text, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <summary>Parses kubeconfig text; relative paths are resolved against <paramref name="baseDirectory"/>
    /// (the current directory if null, e.g. for an uploaded kubeconfig, which should carry *-data fields).</summary>
    public static Kubeconfig Parse(string yaml, string? baseDirectory = null)
    {
        var root = ParseYaml(yaml);
        var directory = baseDirectory ?? Directory.GetCurrentDirectory();

        var clusters = ReadNamedList(root, "clusters", "cluster", (name, body) => ReadCluster(name, body, directory));
        var users = ReadNamedList(root, "users", "user", (name, body) => ReadUser(name, body, directory));
        var contexts = ReadNamedList(root, "contexts", "context", ReadContext);
        var current = Scalar(root["current-context"], "current-context");
        return new Kubeconfig(clusters, users, contexts, string.IsNullOrEmpty(current) ? null : current);
    }

    private static JsonObject ParseYaml(string yaml)
    {
        JsonNode? node;
        try
        {
            node = KubeconfigYaml.Parse(yaml);
        }
        catch (YamlException e)
        {
            throw new KubeconfigException($"kubeconfig is not valid YAML: {e.Message}", e);
        }

        return node switch
        {
            JsonObject obj => obj,
            null => throw new KubeconfigException("kubeconfig is empty"),
            _ => throw new KubeconfigException("kubeconfig must be a YAML mapping"),
        };
    }

    private static Dictionary<string, T> ReadNamedList<T>(JsonObject root, string listName, string bodyName, Func<string, JsonObject, T> read)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        switch (root[listName])
        {
            case null:
                return result;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not JsonObject entry)
                    {
                        throw new KubeconfigException($"every entry of {listName} must be a mapping");
                    }

                    var name = Scalar(entry["name"], $"{listName}[].name");
                    if (string.IsNullOrEmpty(name))
                    {
                        throw new KubeconfigException($"an entry of {listName} has no name");
                    }

                    var body = entry[bodyName] switch
                    {
                        JsonObject o => o,
                        null => new JsonObject(),
                        _ => throw new KubeconfigException($"{bodyName} \"{name}\" must be a mapping"),
                    };
                    if (!result.TryAdd(name, read(name, body)))
                    {
                        throw new KubeconfigException($"{bodyName} \"{name}\" is defined twice");
                    }
                }

                return result;
            default:
                throw new KubeconfigException($"{listName} must be a list");
        }
    }

    private static KubeconfigCluster ReadCluster(string name, JsonObject body, string directory)
    {
        var what = $"cluster \"{name}\"";
        return new KubeconfigCluster(name)
        {
            Server = Scalar(body["server"], $"{what} server"),
            CertificateAuthorityFile = FilePath(body["certificate-authority"], directory, $"{what} certificate-authority"),
            CertificateAuthorityData = Base64(body["certificate-authority-data"], $"{what} certificate-authority-data"),
            InsecureSkipTlsVerify = Bool(body["insecure-skip-tls-verify"], $"{what} insecure-skip-tls-verify"),
            TlsServerName = Scalar(body["tls-server-name"], $"{what} tls-server-name"),
            ProxyUrl = Scalar(body["proxy-url"], $"{what} proxy-url"),
        };
    }

    private static KubeconfigUser ReadUser(string name, JsonObject body, string directory)
    {
        var what = $"user \"{name}\"";
        return new KubeconfigUser(name)
        {
            Token = Scalar(body["token"], $"{what} token"),
            TokenFile = FilePath(body["tokenFile"], directory, $"{what} tokenFile"),
            ClientCertificateFile = FilePath(body["client-certificate"], directory, $"{what} client-certificate"),
            ClientCertificateData = Base64(body["client-certificate-data"], $"{what} client-certificate-data"),
            ClientKeyFile = FilePath(body["client-key"], directory, $"{what} client-key"),
            ClientKeyData = Base64(body["client-key-data"], $"{what} client-key-data"),
            Username = Scalar(body["username"], $"{what} username"),
            Password = Scalar(body["password"], $"{what} password"),
            UnsupportedMechanism = body["exec"] is JsonObject ? "an exec credential plugin"
                : body["auth-provider"] is JsonObject ? "an auth-provider"
                : null,
        };
    }

    private static KubeconfigContext ReadContext(string name, JsonObject body)
    {
        var what = $"context \"{name}\"";
        return new KubeconfigContext(
            name,
            Scalar(body["cluster"], $"{what} cluster") ?? "",
            Scalar(body["user"], $"{what} user") ?? "",
            Scalar(body["namespace"], $"{what} namespace"));
    }

    private static string? Scalar(JsonNode? node, string what) => node switch
    {
        null => null,
        JsonValue v => v.GetValue<string>(),
        _ => throw new KubeconfigException($"{what} must be a scalar"),
    };

    private static bool Bool(JsonNode? node, string what) =>
        Scalar(node, what) switch
        {
            null => false,
            var text when bool.TryParse(text, out var b) => b,
            _ => throw new KubeconfigException($"{what} must be true or false"),
        };

    private static string? FilePath(JsonNode? node, string directory, string what)
    {
        var path = Scalar(node, what);
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        if (path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..]);
        }

        return Path.GetFullPath(path, directory);
    }

    private static byte[]? Base64(JsonNode? node, string what)
    {
        var text = Scalar(node, what);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new KubeconfigException($"{what} is not valid base64 (it holds the base64 of the PEM file, not the PEM itself)");
        }
    }
}

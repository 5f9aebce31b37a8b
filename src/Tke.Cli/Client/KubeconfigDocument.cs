using System.Text.Json;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Json;

namespace Tke.Cli.Client;

/// <summary>
/// A whole kubeconfig file for editing: entries the tke command does not own are kept as they
/// were read. The OIDC refresh token lives in the user entry's `extensions` under
/// <see cref="OidcExtensionName"/> (kubectl keeps extensions it does not know), so one 0600 file
/// holds all of a login's secrets.
/// </summary>
public sealed class KubeconfigDocument
{
    public const string OidcExtensionName = "oidc.tkestack.io";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly JsonObject _root;

    private KubeconfigDocument(string path, JsonObject root)
    {
        Path = path;
        _root = root;
    }

    public string Path { get; }

    public string? CurrentContext => Text(_root["current-context"]);

    /// <summary>The file at <paramref name="path"/>, or an empty kubeconfig when there is none yet.</summary>
    public static KubeconfigDocument LoadOrEmpty(string path)
    {
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            return new KubeconfigDocument(path, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Config",
                ["preferences"] = new JsonObject(),
                ["clusters"] = new JsonArray(),
                ["users"] = new JsonArray(),
                ["contexts"] = new JsonArray(),
            });
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

        return root is JsonObject obj ? new KubeconfigDocument(path, obj) : throw new KubeconfigException($"kubeconfig {path} is not a YAML mapping");
    }

    public void SetCluster(string name, string server, string? caPem, bool insecureSkipVerify)
    {
        var cluster = new JsonObject { ["server"] = server };
        if (caPem is not null)
        {
            cluster["certificate-authority-data"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(caPem));
        }

        if (insecureSkipVerify)
        {
            cluster["insecure-skip-tls-verify"] = true;
        }

        Upsert("clusters", name, "cluster", cluster);
    }

    public void SetUser(string name, string token, OidcSession? session)
    {
        var user = new JsonObject { ["token"] = token };
        if (session is not null)
        {
            user["extensions"] = new JsonArray
            {
                new JsonObject
                {
                    ["name"] = OidcExtensionName,
                    ["extension"] = new JsonObject
                    {
                        ["issuer"] = session.Issuer,
                        ["client-id"] = session.ClientId,
                        ["refresh-token"] = session.RefreshToken,
                    },
                },
            };
        }

        Upsert("users", name, "user", user);
    }

    public void SetContext(string name, string cluster, string user) =>
        Upsert("contexts", name, "context", new JsonObject { ["cluster"] = cluster, ["user"] = user });

    /// <summary>Adds or replaces every cluster, user and context of <paramref name="other"/>;
    /// returns the names of its contexts. The current context stays as it was.</summary>
    public IReadOnlyList<string> MergeEntries(JsonObject other)
    {
        var contexts = new List<string>();
        foreach (var (listName, field) in new[] { ("clusters", "cluster"), ("users", "user"), ("contexts", "context") })
        {
            foreach (var entry in (other[listName] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                if (Text(entry["name"]) is not { Length: > 0 } name || entry[field] is not JsonObject value)
                {
                    throw new KubeconfigException($"the {field} entries to merge must each have a name and a {field}");
                }

                Upsert(listName, name, field, (JsonObject)value.DeepClone());
                if (field == "context")
                {
                    contexts.Add(name);
                }
            }
        }

        return contexts;
    }

    public void UseContext(string name) => _root["current-context"] = name;

    /// <summary>The user entry of the current context, or null when it names none.</summary>
    public JsonObject? CurrentUser()
    {
        var context = Entry("contexts", CurrentContext, "context");
        return Entry("users", Text(context?["user"]), "user");
    }

    public JsonObject? User(string name) => Entry("users", name, "user");

    public string? CurrentUserName() => Text(Entry("contexts", CurrentContext, "context")?["user"]);

    /// <summary>The refresh token `tke login` stored in <paramref name="user"/>, if any.</summary>
    public static string? RefreshToken(JsonObject user) => Text(OidcExtension(user)?["refresh-token"]);

    /// <summary>Drops the bearer token and the stored login session from <paramref name="user"/>.</summary>
    public static bool ForgetCredentials(JsonObject user)
    {
        var changed = user.Remove("token");
        if (user["extensions"] is JsonArray extensions)
        {
            foreach (var entry in extensions.OfType<JsonObject>().Where(e => Text(e["name"]) == OidcExtensionName).ToList())
            {
                extensions.Remove(entry);
                changed = true;
            }

            if (extensions.Count == 0)
            {
                user.Remove("extensions");
            }
        }

        return changed;
    }

    /// <summary>Replaces the file in one step (write a sibling, then rename), readable only by its owner.</summary>
    public void Save()
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, OwnerOnly | UnixFileMode.UserExecute);
        }

        OwnerOnlyFile.WriteAllText(Path, YamlJson.Write(JsonSerializer.SerializeToUtf8Bytes(_root)));
    }

    private void Upsert(string listName, string name, string field, JsonObject value)
    {
        if (_root[listName] is not JsonArray list)
        {
            list = [];
            _root[listName] = list;
        }

        if (list.OfType<JsonObject>().FirstOrDefault(e => Text(e["name"]) == name) is { } existing)
        {
            existing[field] = value;
        }
        else
        {
            list.Add(new JsonObject { ["name"] = name, [field] = value });
        }
    }

    private JsonObject? Entry(string listName, string? name, string field) =>
        name is null ? null : (_root[listName] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(e => Text(e["name"]) == name)?[field] as JsonObject;

    private static JsonObject? OidcExtension(JsonObject user) =>
        (user["extensions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(e => Text(e["name"]) == OidcExtensionName)?["extension"] as JsonObject;

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

/// <summary>What `tke logout` needs to end a login: where to revoke and the refresh token.</summary>
public sealed record OidcSession(string Issuer, string ClientId, string RefreshToken);

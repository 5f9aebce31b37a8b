using System.Text.Json.Nodes;
using Tke.ApiMachinery.Kinds;

namespace Tke.ApiMachinery.Discovery;

/// <summary>
/// The legacy discovery documents kubectl reads to map kinds and short names to URLs:
/// /api (APIVersions), /apis (APIGroupList), /apis/{group} (APIGroup) and
/// /apis/{group}/{version} (APIResourceList). Rebuilt on first use after the catalog changes.
/// The legacy core group (named "") is listed at /api and served at /api/{version}, never under /apis.
/// </summary>
public sealed class DiscoveryDocuments
{
    private static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    private static readonly string[] StatusVerbs = ["get", "patch", "update"];

    private readonly KindCatalog _catalog;
    private volatile Built _built;

    public DiscoveryDocuments(KindCatalog catalog)
    {
        _catalog = catalog;
        _built = Build(catalog);
    }

    public byte[] CoreVersions => Current.CoreVersions;

    public byte[] GroupList => Current.GroupList;

    public byte[]? Group(string name) => Current.Groups.GetValueOrDefault(name);

    public byte[]? ResourceList(string group, string version) => Current.ResourceLists.GetValueOrDefault($"{group}/{version}");

    /// <summary>The documents of the catalog as it is now: rebuilt on first use after a kind was
    /// registered or removed (a race rebuilds twice at worst, never serves a stale catalog twice).</summary>
    private Built Current
    {
        get
        {
            var built = _built;
            if (built.Revision == _catalog.Revision)
            {
                return built;
            }

            built = Build(_catalog);
            _built = built;
            return built;
        }
    }

    private static Built Build(KindCatalog catalog)
    {
        var revision = catalog.Revision; // read before the groups: a newer catalog only causes another rebuild
        var groupDocuments = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var resourceLists = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var coreVersions = new JsonArray();
        var groups = new JsonArray();
        foreach (var group in catalog.Groups)
        {
            if (group.Name.Length == 0)
            {
                foreach (var version in Versions(group))
                {
                    coreVersions.Add(version);
                    resourceLists[$"/{version}"] = Bytes(ResourceList(group, version));
                }

                continue;
            }

            var json = GroupJson(group);
            groups.Add(json.DeepClone());
            json["kind"] = "APIGroup";
            json["apiVersion"] = "v1";
            groupDocuments[group.Name] = Bytes(json);
            foreach (var version in group.Kinds.Select(k => k.Version).Distinct())
            {
                resourceLists[$"{group.Name}/{version}"] = Bytes(ResourceList(group, version));
            }
        }

        var core = Bytes(new JsonObject
        {
            ["kind"] = "APIVersions",
            ["versions"] = coreVersions,
            ["serverAddressByClientCIDRs"] = new JsonArray(),
        });
        var groupList = Bytes(new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups });
        return new Built(revision, core, groupList, groupDocuments, resourceLists);
    }

    private static JsonObject GroupJson(IApiGroup group)
    {
        var versions = new JsonArray();
        foreach (var version in Versions(group))
        {
            versions.Add(new JsonObject { ["groupVersion"] = $"{group.Name}/{version}", ["version"] = version });
        }

        return new JsonObject
        {
            ["name"] = group.Name,
            ["versions"] = versions,
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{group.Name}/{group.PreferredVersion}", ["version"] = group.PreferredVersion },
        };
    }

    /// <summary>The group's versions, the preferred one first, then by Kubernetes' version priority.</summary>
    private static IEnumerable<string> Versions(IApiGroup group) =>
        group.Kinds.Select(k => k.Version).Distinct().OrderBy(v => v == group.PreferredVersion ? 0 : 1).ThenBy(v => v, VersionPriority.Comparer);

    private static JsonObject ResourceList(IApiGroup group, string version)
    {
        var resources = new JsonArray();
        foreach (var kind in group.Kinds.Where(k => k.Version == version))
        {
            resources.Add(new JsonObject
            {
                ["name"] = kind.Plural,
                ["singularName"] = kind.Singular,
                ["namespaced"] = kind.Namespaced,
                ["kind"] = kind.Kind,
                ["verbs"] = new JsonArray(AllVerbs.Select(v => (JsonNode)v).ToArray()),
                ["shortNames"] = new JsonArray(kind.ShortNames.Select(v => (JsonNode)v).ToArray()),
                ["categories"] = new JsonArray(kind.Categories.Select(v => (JsonNode)v).ToArray()),
            });
            if (kind.HasStatusSubresource)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = kind.Plural + "/status",
                    ["singularName"] = "",
                    ["namespaced"] = kind.Namespaced,
                    ["kind"] = kind.Kind,
                    ["verbs"] = new JsonArray(StatusVerbs.Select(v => (JsonNode)v).ToArray()),
                });
            }

            foreach (var sub in kind.ExtraSubresources)
            {
                var entry = new JsonObject
                {
                    ["name"] = kind.Plural + "/" + sub.Name,
                    ["singularName"] = "",
                    ["namespaced"] = kind.Namespaced,
                };
                // kubectl drain finds the Eviction API version from these two fields.
                if (sub.Group.Length > 0)
                {
                    entry["group"] = sub.Group;
                }

                if (sub.Version.Length > 0)
                {
                    entry["version"] = sub.Version;
                }

                entry["kind"] = sub.Kind;
                entry["verbs"] = new JsonArray(sub.Verbs.Select(v => (JsonNode)v).ToArray());
                resources.Add(entry);
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Name.Length == 0 ? version : $"{group.Name}/{version}",
            ["resources"] = resources,
        };
    }

    private static byte[] Bytes(JsonNode node) => System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());

    private sealed record Built(long Revision, byte[] CoreVersions, byte[] GroupList, Dictionary<string, byte[]> Groups, Dictionary<string, byte[]> ResourceLists);
}

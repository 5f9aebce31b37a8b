using System.Text.Json.Nodes;
using Tke.ApiMachinery.Kinds;

namespace Tke.ApiMachinery.Discovery;

/// <summary>
/// The legacy discovery documents kubectl reads to map kinds and short names to URLs:
/// /api (APIVersions), /apis (APIGroupList), /apis/{group} (APIGroup) and
/// /apis/{group}/{version} (APIResourceList). Built once; the catalog does not change.
/// The legacy core group (named "") is listed at /api and served at /api/{version}, never under /apis.
/// </summary>
public sealed class DiscoveryDocuments
{
    private static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    private static readonly string[] StatusVerbs = ["get", "patch", "update"];

    private readonly Dictionary<string, byte[]> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _resourceLists = new(StringComparer.Ordinal);

    public DiscoveryDocuments(KindCatalog catalog)
    {
        var coreVersions = new JsonArray();
        var groups = new JsonArray();
        foreach (var group in catalog.Groups)
        {
            if (group.Name.Length == 0)
            {
                foreach (var version in Versions(group))
                {
                    coreVersions.Add(version);
                    _resourceLists[$"/{version}"] = Bytes(ResourceList(group, version));
                }

                continue;
            }

            var json = GroupJson(group);
            groups.Add(json.DeepClone());
            json["kind"] = "APIGroup";
            json["apiVersion"] = "v1";
            _groups[group.Name] = Bytes(json);
            foreach (var version in group.Kinds.Select(k => k.Version).Distinct())
            {
                _resourceLists[$"{group.Name}/{version}"] = Bytes(ResourceList(group, version));
            }
        }

        CoreVersions = Bytes(new JsonObject
        {
            ["kind"] = "APIVersions",
            ["versions"] = coreVersions,
            ["serverAddressByClientCIDRs"] = new JsonArray(),
        });
        GroupList = Bytes(new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups });
    }

    public byte[] CoreVersions { get; }

    public byte[] GroupList { get; }

    public byte[]? Group(string name) => _groups.GetValueOrDefault(name);

    public byte[]? ResourceList(string group, string version) => _resourceLists.GetValueOrDefault($"{group}/{version}");

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

    /// <summary>The group's versions, the preferred one first.</summary>
    private static IEnumerable<string> Versions(IApiGroup group) =>
        group.Kinds.Select(k => k.Version).Distinct().OrderBy(v => v == group.PreferredVersion ? 0 : 1);

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
}

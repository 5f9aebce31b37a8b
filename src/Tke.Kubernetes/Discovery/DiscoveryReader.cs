using System.Text.Json.Nodes;
using Tke.Kubernetes.Client;

namespace Tke.Kubernetes.Discovery;

/// <summary>Walks /api, /apis and every /apis/{group}/{version} into a <see cref="ResourceMap"/>.</summary>
internal sealed class DiscoveryReader(Func<string, CancellationToken, Task<JsonNode?>> get)
{
    // Enough to overlap round trips to a distant cluster without flooding it.
    private const int Parallelism = 8;

    public async Task<ResourceMap> ReadAsync(CancellationToken ct)
    {
        var groupVersions = new List<(string Group, string Version, bool Preferred)>();
        if (await get("/api", ct) is JsonObject core)
        {
            foreach (var v in core["versions"] as JsonArray ?? [])
            {
                groupVersions.Add(("", (string)v!, true));
            }
        }

        if (await get("/apis", ct) is JsonObject groups)
        {
            foreach (var group in (groups["groups"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var name = (string?)group["name"] ?? "";
                var preferred = (string?)group["preferredVersion"]?["version"];
                foreach (var version in (group["versions"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    var v = (string?)version["version"] ?? "";
                    groupVersions.Add((name, v, preferred is null || preferred == v));
                }
            }
        }

        var resources = new List<ApiResource>();
        var failed = new Dictionary<string, string>();
        var gate = new Lock();
        await Parallel.ForEachAsync(groupVersions, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (gv, token) =>
        {
            var path = gv.Group.Length == 0 ? $"/api/{gv.Version}" : $"/apis/{gv.Group}/{gv.Version}";
            try
            {
                var list = await get(path, token) as JsonObject;
                var read = ReadResourceList(gv.Group, gv.Version, gv.Preferred, list);
                lock (gate)
                {
                    resources.AddRange(read);
                }
            }
            catch (Exception e) when (e is KubernetesApiException or HttpRequestException or TimeoutException)
            {
                lock (gate)
                {
                    failed[gv.Group.Length == 0 ? gv.Version : $"{gv.Group}/{gv.Version}"] = e.Message;
                }
            }
        });
        return new ResourceMap(resources.OrderBy(r => r.Group, StringComparer.Ordinal).ThenBy(r => r.Version, StringComparer.Ordinal).ThenBy(r => r.Plural, StringComparer.Ordinal), failed);
    }

    private static List<ApiResource> ReadResourceList(string group, string version, bool preferred, JsonObject? list)
    {
        var entries = (list?["resources"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var subresources = entries
            .Select(e => (string?)e["name"] ?? "")
            .Where(n => n.Contains('/', StringComparison.Ordinal))
            .Select(n => n.Split('/', 2))
            .ToLookup(p => p[0], p => p[1]);
        return entries
            .Where(e => !((string?)e["name"] ?? "/").Contains('/', StringComparison.Ordinal))
            .Select(e =>
            {
                var plural = (string)e["name"]!;
                return new ApiResource(
                    // Entries may name another group (the resource is served here on its behalf); kubectl honours that.
                    (string?)e["group"] is { Length: > 0 } g ? g : group,
                    (string?)e["version"] is { Length: > 0 } v ? v : version,
                    (string?)e["kind"] ?? "",
                    plural,
                    (string?)e["singularName"] is { Length: > 0 } s ? s : plural,
                    e["namespaced"] is JsonValue ns && ns.GetValue<bool>(),
                    Strings(e["verbs"]),
                    Strings(e["shortNames"]),
                    [.. subresources[plural]],
                    preferred);
            })
            .ToList();
    }

    private static List<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(n => (string?)n).OfType<string>().ToList();
}

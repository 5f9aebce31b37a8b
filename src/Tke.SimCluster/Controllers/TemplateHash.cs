using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Json;
using Tke.SimCluster.Core;

namespace Tke.SimCluster.Controllers;

/// <summary>
/// The pod-template-hash of a pod template: FNV-1a (32 bit) of its canonical JSON, written with
/// Kubernetes' safe alphabet (no vowels, no look-alike digits) as Kubernetes writes it, so names
/// like web-7d9c8b6f5 look familiar. Labels the hash itself adds are left out.
/// </summary>
public static class TemplateHash
{
    public const string Label = "pod-template-hash";
    public const string RevisionLabel = "controller-revision-hash";

    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Of(PodTemplateSpec template, int collisionCount = 0)
    {
        var node = JsonSerializer.SerializeToNode(template, ApiJson.Options)!;
        if (node["metadata"]?["labels"] is JsonObject labels)
        {
            labels.Remove(Label);
            labels.Remove(RevisionLabel);
        }

        var canonical = Canonical(node)?.ToJsonString() ?? "null";
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(canonical + (collisionCount > 0 ? collisionCount.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        var digits = hash.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return string.Concat(digits.Select(c => SafeAlphabet[c % SafeAlphabet.Length]));
    }

    /// <summary>Object keys sorted, so that equal templates hash equally whatever order their maps came in.</summary>
    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Canonical).ToArray()),
        _ => node?.DeepClone(),
    };
}

using System.Text.Json.Nodes;

namespace Tke.ApiMachinery.Patching;

/// <summary>RFC 7386 JSON Merge Patch (application/merge-patch+json).</summary>
public static class JsonMergePatch
{
    /// <summary>
    /// Returns <paramref name="target"/> with <paramref name="patch"/> merged in; neither input is modified.
    /// Objects merge recursively, null deletes a member, anything else replaces.
    /// </summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        MergeInto(result, patchObject);
        return result;
    }

    /// <summary>Merges <paramref name="patch"/> into <paramref name="target"/> in place.</summary>
    internal static void MergeInto(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else if (value is JsonObject patchChild)
            {
                if (target[name] is JsonObject existing)
                {
                    MergeInto(existing, patchChild);
                }
                else
                {
                    var created = new JsonObject();
                    MergeInto(created, patchChild);
                    target[name] = created;
                }
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }
    }
}

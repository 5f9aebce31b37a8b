using System.Text.Json;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Kinds;

namespace Tke.ApiMachinery.Secrets;

/// <summary>
/// Secrets are not handed back over the API: sensitive values read as a placeholder, and a
/// write that sends the placeholder back (a GET, edit, PUT round trip) keeps the stored value.
/// </summary>
public static class SecretRedaction
{
    public const string Placeholder = "******";

    /// <summary>The object JSON with every non-empty sensitive value replaced by the placeholder.</summary>
    public static byte[] Redact(KindDefinition kind, byte[] json)
    {
        var node = JsonNode.Parse(json);
        SensitiveFieldWalker.Rewrite(node, kind.Schema, (value, _) => value.Length == 0 ? value : Placeholder);
        return JsonSerializer.SerializeToUtf8Bytes(node, ApiJson.Options);
    }

    /// <summary>Puts the stored values back where an update's JSON carries the placeholder;
    /// done before the body is decoded, so binary secrets never meet the placeholder.</summary>
    public static void RestorePlaceholders(KindDefinition kind, JsonNode? updated, JsonNode? stored)
    {
        var storedValues = new Dictionary<string, string>(StringComparer.Ordinal);
        SensitiveFieldWalker.Rewrite(stored, kind.Schema, (value, path) =>
        {
            storedValues[path] = value;
            return value;
        });
        SensitiveFieldWalker.Rewrite(updated, kind.Schema, (value, path) =>
            value == Placeholder && storedValues.TryGetValue(path, out var original) ? original : value);
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tke.Kubernetes.Resources;

/// <summary>Lenient reads of object fields: a missing or oddly typed field reads as absent.</summary>
internal static class JsonFields
{
    public static string? String(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static bool Bool(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    public static long? Long(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;

    public static DateTimeOffset? Time(JsonNode? node) =>
        String(node) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    public static IReadOnlyDictionary<string, string> StringMap(JsonNode? node) =>
        (node as JsonObject ?? [])
            .Where(p => String(p.Value) is not null)
            .ToDictionary(p => p.Key, p => String(p.Value)!, StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, Quantity> QuantityMap(JsonNode? node) =>
        (node as JsonObject ?? [])
            .Select(p => (p.Key, Text: p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.ToJsonString() : String(p.Value)))
            .Where(p => p.Text is not null && Quantity.TryParse(p.Text, out _))
            .ToDictionary(p => p.Key, p => Quantity.Parse(p.Text!), StringComparer.Ordinal);

    public static IEnumerable<JsonObject> Objects(JsonNode? node) => (node as JsonArray ?? []).OfType<JsonObject>();
}

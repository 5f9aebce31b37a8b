using System.Text.Json;

namespace Tke.Registry.Access;

/// <summary>
/// Reads fields of another component's stored objects (auth's LocalIdentities, business Projects)
/// straight from their JSON, so that the registry need not reference those components.
/// </summary>
internal static class StoredJson
{
    public static JsonElement? Section(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    public static string? Text(JsonElement? section, string name) =>
        section is { } s && s.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The strings of an array field; other items are skipped, a missing field is empty.</summary>
    public static string[] Texts(JsonElement? section, string name) =>
        section is { } s && s.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray()
            : [];

    /// <summary>Whether metadata.deletionTimestamp is set: the object is on its way out.</summary>
    public static bool BeingDeleted(JsonElement? metadata) =>
        metadata is { } m && m.TryGetProperty("deletionTimestamp", out var deletion) && deletion.ValueKind != JsonValueKind.Null;
}

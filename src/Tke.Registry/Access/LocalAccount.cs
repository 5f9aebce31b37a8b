using System.Text.Json;

namespace Tke.Registry.Access;

/// <summary>
/// What the registry needs of a platform user's local account (an auth.tkestack.io LocalIdentity):
/// which account it is (metadata.uid, so a deleted and re-created user is another account), its
/// groups, and whether it may still log in. Read from the stored JSON (spec.username,
/// spec.tenantID, spec.groups, status.locked, status.phase, metadata.deletionTimestamp) so that
/// the registry does not depend on the auth component.
/// </summary>
public sealed record LocalAccount(string Uid, string Username, string? TenantId, IReadOnlyList<string> Groups, bool Locked, bool Deleting)
{
    /// <summary>As the auth component decides at login: a locked account, or one being deleted, may not.</summary>
    public bool MayLogIn => !Locked && !Deleting;

    public static LocalAccount Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var metadata = Section(root, "metadata");
        var spec = Section(root, "spec");
        var status = Section(root, "status");
        return new LocalAccount(
            Text(metadata, "uid") ?? "",
            Text(spec, "username") ?? "",
            Text(spec, "tenantID"),
            spec is { } s && s.TryGetProperty("groups", out var groups) && groups.ValueKind == JsonValueKind.Array
                ? groups.EnumerateArray().Where(g => g.ValueKind == JsonValueKind.String).Select(g => g.GetString()!).ToArray()
                : [],
            status is { } st && st.TryGetProperty("locked", out var locked) && locked.ValueKind == JsonValueKind.True,
            (metadata is { } m && m.TryGetProperty("deletionTimestamp", out var deletion) && deletion.ValueKind != JsonValueKind.Null)
                || Text(status, "phase") == "Deleting");
    }

    private static JsonElement? Section(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? Text(JsonElement? section, string name) =>
        section is { } s && s.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

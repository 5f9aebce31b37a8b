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
        var metadata = StoredJson.Section(root, "metadata");
        var spec = StoredJson.Section(root, "spec");
        var status = StoredJson.Section(root, "status");
        return new LocalAccount(
            StoredJson.Text(metadata, "uid") ?? "",
            StoredJson.Text(spec, "username") ?? "",
            StoredJson.Text(spec, "tenantID"),
            StoredJson.Texts(spec, "groups"),
            status is { } st && st.TryGetProperty("locked", out var locked) && locked.ValueKind == JsonValueKind.True,
            StoredJson.BeingDeleted(metadata) || StoredJson.Text(status, "phase") == "Deleting");
    }
}

using System.Text.Json;

namespace Tke.Registry.Access;

/// <summary>
/// What the registry needs of a business.tkestack.io Project: its tenant, its members and whether
/// it is being deleted. Read from the stored JSON (spec.tenantID, spec.members,
/// metadata.deletionTimestamp) so that the registry does not depend on the business component.
/// </summary>
public sealed record ProjectMembership(string? TenantId, IReadOnlyList<string> Members, bool Deleting)
{
    public static ProjectMembership Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var spec = StoredJson.Section(root, "spec");
        return new ProjectMembership(StoredJson.Text(spec, "tenantID"), StoredJson.Texts(spec, "members"), StoredJson.BeingDeleted(StoredJson.Section(root, "metadata")));
    }

    /// <summary>Whether <paramref name="user"/> is a member and the project belongs to <paramref name="tenant"/>;
    /// a project on its way out grants nothing.</summary>
    public bool Admits(string tenant, string user) =>
        !Deleting
        && string.Equals(TenantId, tenant, StringComparison.Ordinal)
        && Members.Contains(user, StringComparer.Ordinal);
}

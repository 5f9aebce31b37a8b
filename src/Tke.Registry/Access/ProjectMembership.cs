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
        var deleting = root.TryGetProperty("metadata", out var metadata)
            && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("deletionTimestamp", out var deletion)
            && deletion.ValueKind != JsonValueKind.Null;
        string? tenant = null;
        var members = new List<string>();
        if (root.TryGetProperty("spec", out var spec) && spec.ValueKind == JsonValueKind.Object)
        {
            if (spec.TryGetProperty("tenantID", out var t) && t.ValueKind == JsonValueKind.String)
            {
                tenant = t.GetString();
            }

            if (spec.TryGetProperty("members", out var m) && m.ValueKind == JsonValueKind.Array)
            {
                members.AddRange(m.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
            }
        }

        return new ProjectMembership(tenant, members, deleting);
    }

    /// <summary>Whether <paramref name="user"/> is a member and the project belongs to <paramref name="tenant"/>;
    /// a project on its way out grants nothing.</summary>
    public bool Admits(string tenant, string user) =>
        !Deleting
        && string.Equals(TenantId, tenant, StringComparison.Ordinal)
        && Members.Contains(user, StringComparer.Ordinal);
}

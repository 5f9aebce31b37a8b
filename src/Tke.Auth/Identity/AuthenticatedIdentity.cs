namespace Tke.Auth.Identity;

/// <summary>Who a connector says logged in: the facts the token service puts into claims.</summary>
/// <param name="UserId">Stable ID of the user in its identity provider (LocalIdentity name, LDAP idAttr).</param>
/// <param name="Username">Login name, unique within the tenant.</param>
/// <param name="DisplayName">Name shown in the console; falls back to the login name.</param>
/// <param name="Email">Email address, or empty.</param>
/// <param name="Groups">Names of the groups the user belongs to.</param>
/// <param name="TenantId">Tenant the identity provider serves.</param>
public sealed record AuthenticatedIdentity(
    string UserId,
    string Username,
    string DisplayName,
    string Email,
    IReadOnlyList<string> Groups,
    string TenantId)
{
    /// <summary>Additional attributes from the provider, e.g. the platform role of a local user.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();
}

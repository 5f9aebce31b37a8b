namespace Tke.Auth.Authorization;

/// <summary>
/// Who makes a request, as authentication established it: the user name, the groups the
/// identity provider reported (LDAP or OIDC groups, by id or name), and the user's tenant when
/// the token carries one.
/// </summary>
public sealed record RequestSubject(string Name, IReadOnlyList<string> Groups, string TenantId = "")
{
    /// <summary>The user's object id (e.g. "usr-xxx"), for bindings that name the user only by id.</summary>
    public string? UserId { get; init; }

    public static RequestSubject User(string name, string tenantId = "", params string[] groups) => new(name, groups, tenantId);
}

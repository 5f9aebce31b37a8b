namespace Tke.Registry.Access;

/// <summary>The claims of a registry token: who (empty subject for anonymous), for which tenant's
/// repositories, and which access was granted.</summary>
/// <param name="Tenant">The tenant whose repositories the token addresses.</param>
/// <param name="UserTenant">The tenant of the user; null for anonymous.</param>
public sealed record RegistryToken(
    string Subject,
    IReadOnlyList<string> Groups,
    string Tenant,
    string? UserTenant,
    IReadOnlyList<RegistryScope> Access,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt)
{
    public bool IsAnonymous => Subject.Length == 0;
}

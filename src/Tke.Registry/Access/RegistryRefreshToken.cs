namespace Tke.Registry.Access;

/// <summary>
/// What a refresh token (docker's "identity token") stands for: a user at one tenant's registry of
/// one service, never any scopes; every exchange grants afresh from the user's rights at that
/// moment. It names how the user logged in, so that the exchange can check that again: the local
/// account (by uid) and, for a login with an access credential, that credential.
/// </summary>
/// <param name="Tenant">The tenant whose registry the login addressed.</param>
/// <param name="UserTenant">The tenant of the user.</param>
/// <param name="AccountUid">The uid of the user's local account; null for users without one (LDAP).</param>
/// <param name="AccessCredential">The access credential (or platform token) the user logged in with; null for a password login.</param>
/// <param name="ClientId">The client that asked for it, for auditing (Docker's spec: client_id need not be registered).</param>
public sealed record RegistryRefreshToken(
    string Subject,
    IReadOnlyList<string> Groups,
    string Tenant,
    string UserTenant,
    string? AccountUid,
    string? AccessCredential,
    string ClientId,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt);

namespace Tke.Auth.Oidc;

/// <summary>Who logged in: what goes into tokens and what the API sees as the request user.</summary>
/// <param name="UserId">Stable user ID within the tenant (the `sub` claim).</param>
/// <param name="Name">Login name (the `name` claim, TKEStack's username claim).</param>
/// <param name="TenantId">Tenant, carried as `federated_claims.connector_id` as in TKEStack.</param>
public sealed record OidcIdentity(string UserId, string Name, string? Email, IReadOnlyList<string> Groups, string TenantId);

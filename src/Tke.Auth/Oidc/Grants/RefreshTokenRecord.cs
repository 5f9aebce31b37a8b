namespace Tke.Auth.Oidc.Grants;

/// <summary>A stored refresh token. Every token issued from one login shares a family, the login
/// session: reusing a rotated token or logging out revokes the whole family.</summary>
/// <param name="TokenHash">SHA-256 of the token (base64url); the token itself is never stored.</param>
/// <param name="UsedAt">When the token was exchanged; a used token presented again is theft.</param>
public sealed record RefreshTokenRecord(
    string TokenHash,
    string FamilyId,
    string ClientId,
    OidcIdentity Identity,
    IReadOnlyList<string> Scopes,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset FamilyExpiresAt,
    DateTimeOffset? UsedAt = null);

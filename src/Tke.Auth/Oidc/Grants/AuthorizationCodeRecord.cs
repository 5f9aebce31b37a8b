namespace Tke.Auth.Oidc.Grants;

/// <summary>A pending authorization code, bound to the client, redirect URI and PKCE challenge
/// of the request that produced it.</summary>
/// <param name="CodeHash">SHA-256 of the code (base64url); the code itself is never stored.</param>
/// <param name="CodeChallenge">S256 challenge, or null for a confidential client that sent none.</param>
public sealed record AuthorizationCodeRecord(
    string CodeHash,
    string ClientId,
    string RedirectUri,
    string? CodeChallenge,
    OidcIdentity Identity,
    string? Nonce,
    IReadOnlyList<string> Scopes,
    DateTimeOffset ExpiresAt);

namespace Tke.Auth.Oidc.Tokens;

/// <summary>The claims of a JWT whose signature and times checked out.</summary>
public sealed record ValidatedToken(
    TokenKind Kind,
    string Issuer,
    string Subject,
    IReadOnlyList<string> Audiences,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? IssuedAt,
    string? Nonce,
    string Name,
    string? Email,
    IReadOnlyList<string> Groups,
    string TenantId,
    string? SessionId,
    string KeyId)
{
    public OidcIdentity Identity => new(Subject, Name, Email, Groups, TenantId);
}

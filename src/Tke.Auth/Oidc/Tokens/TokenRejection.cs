namespace Tke.Auth.Oidc.Tokens;

/// <summary>Why a JWT was rejected.</summary>
public enum TokenRejection
{
    Malformed,
    UnsupportedAlgorithm,
    UnknownKey,
    BadSignature,
    WrongIssuer,
    WrongAudience,
    Expired,
    NotYetValid,
    MissingClaim,
}

/// <summary>A rejected JWT. The message names the reason and never echoes the token.</summary>
public sealed class TokenValidationException(TokenRejection reason, string message) : Exception(message)
{
    public TokenRejection Reason { get; } = reason;
}

namespace Tke.Auth.Oidc.Upstream;

/// <summary>Why an upstream ID token was refused.</summary>
public enum UpstreamTokenProblem
{
    Malformed,
    UnsupportedAlgorithm,
    UnknownKey,
    BadSignature,
    WrongIssuer,
    WrongAudience,
    Expired,
    NotYetValid,
    NonceMismatch,
    MissingClaim,
}

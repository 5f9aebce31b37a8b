namespace Tke.Auth.Oidc.Tokens;

/// <summary>What a JWT is, from its `typ` header: access tokens are typed `at+jwt` (RFC 9068)
/// so an ID token cannot be passed off as one where the difference matters.</summary>
public enum TokenKind
{
    IdToken,
    AccessToken,
}

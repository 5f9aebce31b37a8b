namespace Tke.Auth.Oidc.Grants;

/// <summary>An RFC 6749 error response: error code, description and HTTP status.</summary>
public sealed class OAuthException(string error, string description, int statusCode = 400) : Exception(description)
{
    public string Error { get; } = error;

    public int StatusCode { get; } = statusCode;

    public static OAuthException InvalidRequest(string description) => new("invalid_request", description);

    public static OAuthException InvalidGrant(string description) => new("invalid_grant", description);

    public static OAuthException InvalidClient(string description) => new("invalid_client", description, 401);

    public static OAuthException UnauthorizedClient(string description) => new("unauthorized_client", description);

    public static OAuthException UnsupportedGrantType(string description) => new("unsupported_grant_type", description);

    public static OAuthException InvalidToken(string description) => new("invalid_token", description, 401);
}

namespace Tke.Auth.Oidc.Tokens;

/// <summary>The JWTs of one token response.</summary>
public sealed record IssuedTokens(string IdToken, string AccessToken, DateTimeOffset ExpiresAt, TimeSpan ExpiresIn);

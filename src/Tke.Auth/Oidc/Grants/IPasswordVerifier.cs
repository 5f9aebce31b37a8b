namespace Tke.Auth.Oidc.Grants;

/// <summary>Checks a username and password against the tenant's identity provider (local users,
/// LDAP) and applies login throttling. Implemented by the identity providers.</summary>
public interface IPasswordVerifier
{
    ValueTask<PasswordVerification> VerifyAsync(PasswordLogin login, CancellationToken cancellationToken);

    /// <summary>Re-reads a user when a refresh token is redeemed, so disabled users lose access
    /// and group changes take effect; null when the user no longer exists or may not log in.</summary>
    ValueTask<OidcIdentity?> RefreshAsync(OidcIdentity identity, CancellationToken cancellationToken);
}

/// <param name="TenantId">The tenant chosen at login, or null for the default.</param>
/// <param name="ClientAddress">For per-address throttling.</param>
public sealed record PasswordLogin(string Username, string Password, string? TenantId, string? ClientAddress, string ClientId);

/// <summary>The outcome of a password check. A wrong password and an unknown user must both be
/// plain failures so the caller cannot tell them apart.</summary>
public sealed record PasswordVerification(OidcIdentity? Identity, bool Throttled = false, TimeSpan? RetryAfter = null)
{
    public static PasswordVerification Failed { get; } = new(Identity: null);

    public static PasswordVerification Succeeded(OidcIdentity identity) => new(identity);

    public static PasswordVerification Throttle(TimeSpan retryAfter) => new(null, true, retryAfter);
}

namespace Tke.ApiMachinery.Requests;

/// <summary>
/// Checks credentials that arrive outside the API's own authentication, e.g. a registry's Basic
/// login or its token service: a platform user's password, or a platform bearer token (an
/// access credential). Provided by the component that owns identities, so other components
/// can verify credentials without depending on it.
/// </summary>
public interface ICredentialVerifier
{
    /// <summary>A user's password in <paramref name="tenant"/> (null for the platform's default tenant).</summary>
    ValueTask<CredentialVerification> VerifyPasswordAsync(string? tenant, string username, string password, string? clientAddress, CancellationToken cancellationToken);

    /// <summary>A platform bearer token: a login's access token or an access credential (API key).</summary>
    ValueTask<CredentialVerification> VerifyBearerAsync(string token, CancellationToken cancellationToken);
}

/// <summary>The caller the credentials prove, or why they prove nobody (a message the client may show).</summary>
public sealed record CredentialVerification(RequestUser? User, string? Failure)
{
    public bool Succeeded => User is not null;

    public static CredentialVerification Verified(RequestUser user) => new(user, null);

    public static CredentialVerification Refused(string reason) => new(null, reason);
}

/// <summary>
/// An <see cref="ICredentialVerifier"/> bound once the providing component has started.
/// Components start concurrently, so a consumer holds this from the start and it resolves at
/// request time; until bound, every credential is refused as "not ready".
/// </summary>
public sealed class DeferredCredentialVerifier : ICredentialVerifier
{
    private static readonly CredentialVerification NotReady = CredentialVerification.Refused("the platform's identity service is not ready");

    private volatile ICredentialVerifier? _inner;

    public bool IsBound => _inner is not null;

    public void Bind(ICredentialVerifier verifier) => _inner = verifier ?? throw new ArgumentNullException(nameof(verifier));

    public ValueTask<CredentialVerification> VerifyPasswordAsync(string? tenant, string username, string password, string? clientAddress, CancellationToken cancellationToken) =>
        _inner is { } inner ? inner.VerifyPasswordAsync(tenant, username, password, clientAddress, cancellationToken) : ValueTask.FromResult(NotReady);

    public ValueTask<CredentialVerification> VerifyBearerAsync(string token, CancellationToken cancellationToken) =>
        _inner is { } inner ? inner.VerifyBearerAsync(token, cancellationToken) : ValueTask.FromResult(NotReady);
}

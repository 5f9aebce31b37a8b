namespace Tke.Auth.Identity;

/// <summary>An identity provider that checks a username and password (local accounts, LDAP).</summary>
public interface IPasswordConnector
{
    /// <summary>
    /// Checks the credentials of a user of <paramref name="tenantId"/>. Unknown users and wrong
    /// passwords give the same <see cref="LoginResult.InvalidCredentials"/> answer in similar time;
    /// an unreachable provider gives <see cref="LoginFailure.ProviderUnavailable"/> instead of an exception.
    /// </summary>
    Task<LoginResult> LoginAsync(string tenantId, string username, string password, CancellationToken cancellationToken = default);
}

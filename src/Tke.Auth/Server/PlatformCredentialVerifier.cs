using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Requests;
using Tke.Auth.Oidc.Grants;

namespace Tke.Auth.Server;

/// <summary>
/// The auth component's credential checks offered to other components: passwords go through the
/// same verifier (local users, LDAP, throttling) as the OIDC password grant, bearer tokens
/// through the same authenticator as API requests, so a disabled or expired access credential
/// is refused everywhere alike.
/// </summary>
public sealed class PlatformCredentialVerifier(IPasswordVerifier passwords, PlatformTokenAuthenticator tokens) : ICredentialVerifier
{
    /// <summary>The OIDC client the password checks are attributed to (throttling and logs).</summary>
    public const string ClientId = "tke-registry";

    public async ValueTask<CredentialVerification> VerifyPasswordAsync(string? tenant, string username, string password, string? clientAddress, CancellationToken cancellationToken)
    {
        var result = await passwords.VerifyAsync(new PasswordLogin(username, password, tenant, clientAddress, ClientId), cancellationToken);
        if (result.Identity is { } identity)
        {
            IReadOnlyList<string> groups = identity.Groups.Contains("system:authenticated") ? identity.Groups : [.. identity.Groups, "system:authenticated"];
            return CredentialVerification.Verified(new RequestUser(identity.Name, groups, identity.TenantId));
        }

        return result.Throttled
            ? CredentialVerification.Refused($"too many failed logins; try again in {Math.Ceiling((result.RetryAfter ?? TimeSpan.Zero).TotalSeconds)} seconds")
            : CredentialVerification.Refused("invalid username or password");
    }

    public async ValueTask<CredentialVerification> VerifyBearerAsync(string token, CancellationToken cancellationToken)
    {
        try
        {
            return await tokens.AuthenticateTokenAsync(token, cancellationToken) is { } user
                ? CredentialVerification.Verified(user)
                : CredentialVerification.Refused("not a platform token");
        }
        catch (StatusError e) when (e.Code == 401)
        {
            return CredentialVerification.Refused(e.Message);
        }
    }
}

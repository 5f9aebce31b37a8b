using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Requests;

namespace Tke.Registry.Access;

/// <summary>
/// A registry login with Basic credentials, as docker, podman and helm send them: user
/// "tkestack" with an access credential (API key) as the password, or a platform user with
/// their password. Someone may also give their own name with an access credential. Successful
/// logins are remembered briefly (by a hash of the credentials) so chart clients, which send
/// Basic credentials on every request, do not pay a password hash per request.
/// </summary>
public sealed class BasicLogin(RegistryAccessOptions options, ICredentialVerifier credentials, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (RequestUser User, DateTimeOffset Until, bool ByToken)> _recent = new(StringComparer.Ordinal);

    /// <summary>The Basic credentials of a request, or null when it carries none (or others).</summary>
    public static (string User, string Password)? Parse(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : (text[..colon], text[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <param name="tenant">The tenant the request addresses by its host name, or null.</param>
    public async ValueTask<BasicLoginResult> VerifyAsync(string? tenant, string user, string password, string? clientAddress, CancellationToken cancellationToken)
    {
        if (user.Length == 0 || password.Length == 0)
        {
            return BasicLoginResult.Refused("a user name and password (or access credential) are required");
        }

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant}\n{user}\n{password}")));
        var now = clock.GetUtcNow();
        if (_recent.TryGetValue(key, out var known) && known.Until > now)
        {
            return new BasicLoginResult(known.User, null, known.ByToken ? password : null);
        }

        var result = await VerifyUncachedAsync(tenant, user, password, clientAddress, cancellationToken);
        if (result.User is { } verified)
        {
            if (_recent.Count > 10_000)
            {
                _recent.Clear();
            }

            _recent[key] = (verified, now + options.BasicLoginCacheTtl, result.Credential is not null);
        }

        return result;
    }

    private async ValueTask<BasicLoginResult> VerifyUncachedAsync(string? tenant, string user, string password, string? clientAddress, CancellationToken cancellationToken)
    {
        var isCredentialUser = string.Equals(user, options.AccessCredentialUser, StringComparison.Ordinal);
        if (LooksLikeJwt(password))
        {
            var bearer = await credentials.VerifyBearerAsync(password, cancellationToken);
            if (bearer.User is { } owner && (isCredentialUser || string.Equals(owner.Name, user, StringComparison.Ordinal)))
            {
                return new BasicLoginResult(owner, null, password);
            }

            if (isCredentialUser)
            {
                return BasicLoginResult.Refused(bearer.Failure is { } why ? "invalid access credential: " + why : "the access credential belongs to another user");
            }
        }
        else if (isCredentialUser)
        {
            return BasicLoginResult.Refused($"user \"{options.AccessCredentialUser}\" logs in with an access credential as the password; create one under Organization resources → Access credentials");
        }

        var checkedPassword = await credentials.VerifyPasswordAsync(tenant, user, password, clientAddress, cancellationToken);
        return new BasicLoginResult(checkedPassword.User, checkedPassword.Failure, null);
    }

    private static bool LooksLikeJwt(string value) =>
        value.StartsWith("eyJ", StringComparison.Ordinal) && value.Count(c => c == '.') == 2;
}

/// <summary>A Basic login's outcome: the user, or why nobody.</summary>
/// <param name="Credential">The access credential (or platform token) the user logged in with, so a
/// refresh token can verify it again; null for a password, which is never kept.</param>
public sealed record BasicLoginResult(RequestUser? User, string? Failure, string? Credential)
{
    public static BasicLoginResult Refused(string reason) => new(null, reason, null);
}

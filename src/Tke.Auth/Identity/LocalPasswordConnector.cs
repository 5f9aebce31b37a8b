using Tke.Auth.Apis.LocalIdentities;

namespace Tke.Auth.Identity;

/// <summary>Logs in the platform's own accounts (LocalIdentity objects) by their PBKDF2 password hash.</summary>
public sealed class LocalPasswordConnector : IPasswordConnector
{
    private readonly ILocalIdentityLookup lookup;
    private readonly Pbkdf2PasswordHasher hasher;

    public LocalPasswordConnector(ILocalIdentityLookup lookup, Pbkdf2PasswordHasher? hasher = null)
    {
        this.lookup = lookup ?? throw new ArgumentNullException(nameof(lookup));
        this.hasher = hasher ?? Pbkdf2PasswordHasher.Default;
    }

    public async Task<LoginResult> LoginAsync(string tenantId, string username, string password, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        username ??= "";
        password ??= "";

        // Every path that fails before a real verification still runs one, so the time taken
        // does not tell a caller whether the account exists.
        LocalIdentity? account = null;
        if (LocalAccountRules.IsValidUsername(username))
        {
            account = await lookup.FindAsync(tenantId, username, cancellationToken).ConfigureAwait(false);
        }

        if (account is null
            || !string.Equals(account.Spec.Username, username, StringComparison.Ordinal)
            || (account.Spec.TenantId is { Length: > 0 } owner && owner != tenantId)
            || !Pbkdf2PasswordHasher.IsHash(account.Spec.HashedPassword))
        {
            hasher.VerifyAgainstDummy(password);
            return LoginResult.InvalidCredentials();
        }

        if (!hasher.Verify(password, account.Spec.HashedPassword))
        {
            return LoginResult.InvalidCredentials();
        }

        // Checked after the password so a locked account answers like a wrong password.
        if (account.Status?.Locked == true || string.Equals(account.Status?.Phase, "Deleting", StringComparison.Ordinal))
        {
            return LoginResult.InvalidCredentials();
        }

        var spec = account.Spec;
        var identity = new AuthenticatedIdentity(
            UserId: string.IsNullOrEmpty(account.Metadata.Name) ? spec.Username : account.Metadata.Name,
            Username: spec.Username,
            DisplayName: string.IsNullOrEmpty(spec.DisplayName) ? spec.Username : spec.DisplayName,
            Email: spec.Email ?? "",
            Groups: spec.Groups?.ToArray() ?? [],
            TenantId: tenantId)
        {
            Extra = spec.Extra is null ? new Dictionary<string, string>() : new Dictionary<string, string>(spec.Extra),
        };
        return LoginResult.Success(identity);
    }
}

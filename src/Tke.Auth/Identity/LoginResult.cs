namespace Tke.Auth.Identity;

/// <summary>Why a login did not produce an identity.</summary>
public enum LoginFailure
{
    /// <summary>No failure: the login succeeded.</summary>
    None,

    /// <summary>Unknown user, wrong password or an account that may not log in; deliberately indistinguishable.</summary>
    InvalidCredentials,

    /// <summary>Too many failed attempts; try again after <see cref="LoginResult.RetryAfter"/>.</summary>
    Throttled,

    /// <summary>The identity provider could not be asked (unreachable, timed out, misconfigured).</summary>
    ProviderUnavailable,
}

/// <summary>Outcome of a password login.</summary>
public sealed class LoginResult
{
    private static readonly LoginResult InvalidCredentialsResult = new(LoginFailure.InvalidCredentials, null, null, "invalid username or password");

    private LoginResult(LoginFailure failure, AuthenticatedIdentity? identity, TimeSpan? retryAfter, string? message)
    {
        Failure = failure;
        Identity = identity;
        RetryAfter = retryAfter;
        Message = message;
    }

    public LoginFailure Failure { get; }

    public bool Succeeded => Failure == LoginFailure.None;

    /// <summary>The logged-in user; set only on success.</summary>
    public AuthenticatedIdentity? Identity { get; }

    /// <summary>How long the caller must wait; set only when throttled.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Text safe to show the caller: never a password, and never whether the user exists.</summary>
    public string? Message { get; }

    public static LoginResult Success(AuthenticatedIdentity identity) =>
        new(LoginFailure.None, identity ?? throw new ArgumentNullException(nameof(identity)), null, null);

    /// <summary>The single answer for unknown users and wrong passwords, so they cannot be told apart.</summary>
    public static LoginResult InvalidCredentials() => InvalidCredentialsResult;

    public static LoginResult Throttled(TimeSpan retryAfter) =>
        new(LoginFailure.Throttled, null, retryAfter, $"too many failed logins; retry after {Math.Ceiling(retryAfter.TotalSeconds)} seconds");

    public static LoginResult Unavailable(string message) =>
        new(LoginFailure.ProviderUnavailable, null, null, message);

    public override string ToString() => Succeeded ? $"Success({Identity!.Username})" : $"{Failure}: {Message}";
}

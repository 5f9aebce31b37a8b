using System.Text;
using Tke.Auth.Apis.LocalIdentities;

namespace Tke.Auth.Identity;

/// <summary>
/// The console's rules for local accounts: usernames of 3-32 lowercase letters, digits and '-'
/// (starting and ending with a letter or digit, like every Kubernetes-style name), passwords of
/// 10-16 characters with uppercase and lowercase letters and digits.
/// </summary>
public static class LocalAccountRules
{
    public const int UsernameMinLength = 3;

    public const int UsernameMaxLength = 32;

    /// <summary>Why the username is not acceptable, or null when it is.</summary>
    public static string? UsernameProblem(string? username)
    {
        if (string.IsNullOrEmpty(username))
        {
            return "username is required";
        }

        if (username.Length is < UsernameMinLength or > UsernameMaxLength)
        {
            return $"username must be {UsernameMinLength}-{UsernameMaxLength} characters long";
        }

        foreach (var c in username)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
            {
                return "username may contain only lowercase letters, digits and '-'";
            }
        }

        if (username[0] == '-' || username[^1] == '-')
        {
            return "username must start and end with a letter or digit";
        }

        return null;
    }

    public static bool IsValidUsername(string? username) => UsernameProblem(username) is null;

    /// <summary>Why the plain-text password is not acceptable, or null when it is. The password itself never appears in the text.</summary>
    public static string? PasswordProblem(string? password) =>
        password is null ? "password is required" : PasswordPolicy.PlainProblem(password);

    public static bool IsValidPassword(string? password) => PasswordProblem(password) is null;

    /// <summary>
    /// Turns the value a client sends in spec.hashedPassword (the base64 of the password, as
    /// TKEStack's console does) into a stored hash, checking the password rule first.
    /// </summary>
    /// <exception cref="ArgumentException">The value is not base64 UTF-8 or the password breaks the rule.</exception>
    public static string HashWirePassword(string wireValue, Pbkdf2PasswordHasher hasher)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        if (string.IsNullOrEmpty(wireValue))
        {
            throw new ArgumentException("password is required", nameof(wireValue));
        }

        string plain;
        try
        {
            plain = new UTF8Encoding(false, true).GetString(Convert.FromBase64String(wireValue));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            throw new ArgumentException("password must be the base64 encoding of UTF-8 text", nameof(wireValue));
        }

        if (PasswordProblem(plain) is { } problem)
        {
            throw new ArgumentException(problem, nameof(wireValue));
        }

        return hasher.Hash(plain);
    }
}

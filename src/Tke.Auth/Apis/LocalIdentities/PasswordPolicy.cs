using System.Text;

namespace Tke.Auth.Apis.LocalIdentities;

/// <summary>
/// The console's password rule: 10-16 characters containing uppercase and lowercase letters
/// and digits. Clients send the password base64-encoded in spec.hashedPassword; the server
/// replaces it with a bcrypt hash, which is accepted as already valid.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 10;

    public const int MaxLength = 16;

    public static bool IsBcryptHash(string value) =>
        value.Length == 60 && (value.StartsWith("$2a$", StringComparison.Ordinal) || value.StartsWith("$2b$", StringComparison.Ordinal) || value.StartsWith("$2y$", StringComparison.Ordinal));

    /// <summary>Why the wire value is not acceptable, or null when it is.</summary>
    public static string? Problem(string wireValue)
    {
        if (IsBcryptHash(wireValue))
        {
            return null;
        }

        var buffer = new byte[wireValue.Length];
        if (!Convert.TryFromBase64String(wireValue, buffer, out var length))
        {
            return "must be the base64 encoding of the password";
        }

        string plain;
        try
        {
            plain = new UTF8Encoding(false, true).GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return "the decoded password is not valid UTF-8";
        }

        return PlainProblem(plain);
    }

    /// <summary>Why a plain-text password breaks the rule, or null when it follows it.</summary>
    public static string? PlainProblem(string plain)
    {
        if (plain.Length is < MinLength or > MaxLength)
        {
            return $"password must be {MinLength}-{MaxLength} characters long";
        }

        if (!plain.Any(char.IsAsciiLetterUpper) || !plain.Any(char.IsAsciiLetterLower) || !plain.Any(char.IsAsciiDigit))
        {
            return "password must contain uppercase letters, lowercase letters and digits";
        }

        return null;
    }

    public static string Encode(string plain) => Convert.ToBase64String(Encoding.UTF8.GetBytes(plain));
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tke.Auth.Identity;

/// <summary>
/// Hashes passwords with PBKDF2-HMAC-SHA256 into the self-describing form
/// <c>pbkdf2-sha256$iterations$salt$hash</c> (salt and hash in base64), so the work factor can
/// be raised later without invalidating stored hashes.
/// </summary>
public sealed class Pbkdf2PasswordHasher
{
    public const string Scheme = "pbkdf2-sha256";

    /// <summary>OWASP's 2023 floor for PBKDF2-HMAC-SHA256.</summary>
    public const int MinimumIterations = 210_000;

    public const int DefaultIterations = 210_000;

    // A stored hash could name an absurd work factor; refusing it keeps one login from pinning a core.
    private const int MaximumIterations = 10_000_000;

    private const int SaltBytes = 16;

    private const int HashBytes = 32;

    private readonly string dummyHash;

    public Pbkdf2PasswordHasher(int iterations = DefaultIterations)
    {
        if (iterations < MinimumIterations || iterations > MaximumIterations)
        {
            throw new ArgumentOutOfRangeException(nameof(iterations), iterations, $"iterations must be between {MinimumIterations} and {MaximumIterations}");
        }

        Iterations = iterations;
        dummyHash = Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)));
    }

    public int Iterations { get; }

    public static Pbkdf2PasswordHasher Default { get; } = new();

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, Iterations, HashBytes);
        return string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>True when <paramref name="password"/> matches <paramref name="encodedHash"/>; false for any malformed hash.</summary>
    public bool Verify(string password, string? encodedHash)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!TryParse(encodedHash, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        var actual = Derive(password, salt, iterations, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>
    /// Spends the same time as a real verification and always fails; used for unknown users so
    /// response time does not reveal whether an account exists.
    /// </summary>
    public bool VerifyAgainstDummy(string password)
    {
        _ = Verify(password ?? "", dummyHash);
        return false;
    }

    /// <summary>True for values this hasher produced (any work factor).</summary>
    public static bool IsHash(string? value) => TryParse(value, out _, out _, out _);

    /// <summary>True when the hash was made with fewer iterations than this hasher uses, so it should be replaced after a successful login.</summary>
    public bool NeedsRehash(string encodedHash) =>
        !TryParse(encodedHash, out var iterations, out _, out _) || iterations < Iterations;

    private static byte[] Derive(string password, byte[] salt, int iterations, int length) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, length);

    private static bool TryParse(string? encoded, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = [];
        hash = [];
        var parts = encoded?.Split('$');
        if (parts is not { Length: 4 } || parts[0] != Scheme)
        {
            return false;
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < 1 || iterations > MaximumIterations)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[2]);
            hash = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length >= 8 && hash.Length >= 16;
    }
}

using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Tke.Auth.Oidc.Grants;

/// <summary>RFC 7636 proof key checks; only S256, since `plain` protects nothing once the
/// challenge leaks.</summary>
public static class Pkce
{
    public const string S256 = "S256";

    private static readonly SearchValues<char> Unreserved =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~");

    /// <summary>An S256 challenge is the base64url SHA-256: 43 characters.</summary>
    public static bool IsValidChallenge(string challenge) =>
        challenge.Length == 43 && challenge.AsSpan().IndexOfAnyExcept(Unreserved) < 0;

    public static bool IsValidVerifier(string verifier) =>
        verifier.Length is >= 43 and <= 128 && verifier.AsSpan().IndexOfAnyExcept(Unreserved) < 0;

    public static string Challenge(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public static bool Verify(string verifier, string challenge) =>
        IsValidVerifier(verifier) &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Challenge(verifier)), Encoding.ASCII.GetBytes(challenge));
}

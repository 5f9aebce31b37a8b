using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Tke.Auth.Oidc.Grants;

/// <summary>Random bearer strings (refresh tokens, codes) and the hashes under which they are
/// stored, so a leaked store does not leak usable tokens.</summary>
public static class OpaqueToken
{
    public static string Generate() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Compares secrets in constant time; hashing first hides their lengths too.</summary>
    public static bool SecretsEqual(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}

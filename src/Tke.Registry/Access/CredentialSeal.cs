using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Tke.Registry.Access;

/// <summary>
/// Encrypts the access credential a refresh token was obtained with (AES-256-GCM under a key
/// derived from the registry key), so every refresh can verify that credential again, as a login
/// would, while whoever holds the token cannot read the credential out of it. The token's subject
/// is the associated data: a sealed credential does not open under another user's name.
/// </summary>
public sealed class CredentialSeal(RegistryTokenKey key)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key = key.DeriveSecret("tke-registry refresh-token credential v1");

    public string Seal(string credential, string subject)
    {
        var plain = Encoding.UTF8.GetBytes(credential);
        var output = new byte[NonceSize + plain.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize, plain.Length), output.AsSpan(NonceSize + plain.Length), Encoding.UTF8.GetBytes(subject));
        return Base64Url.EncodeToString(output);
    }

    /// <summary>The credential, or null when the value was not sealed by this key for this subject.</summary>
    public string? Open(string value, string subject)
    {
        byte[] data;
        try
        {
            data = Base64Url.DecodeFromChars(value);
        }
        catch (FormatException)
        {
            return null;
        }

        if (data.Length < NonceSize + TagSize)
        {
            return null;
        }

        var plain = new byte[data.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        try
        {
            aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize, plain.Length), data.AsSpan(NonceSize + plain.Length), plain, Encoding.UTF8.GetBytes(subject));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        return Encoding.UTF8.GetString(plain);
    }
}

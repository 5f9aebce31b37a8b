using System.Security.Cryptography;
using System.Text;

namespace Tke.ApiMachinery.Secrets;

/// <summary>
/// AES-256-GCM for single field values. A sealed value is a string
/// "enc:aesgcm:v1:" + base64(nonce | tag | ciphertext); the associated data binds it to the
/// storage key and field path, so a sealed value copied into another object does not open.
/// </summary>
public sealed class FieldCipher
{
    public const string Prefix = "enc:aesgcm:v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _key;

    public FieldCipher(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("the field encryption key must be 32 bytes", nameof(key));
        }

        _key = key;
    }

    /// <summary>Loads the key from <paramref name="path"/>, creating a random one (mode 0600) on first use.</summary>
    public static FieldCipher LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return new FieldCipher(Convert.FromBase64String(File.ReadAllText(path).Trim()));
        }

        var key = RandomNumberGenerator.GetBytes(32);
        using (var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key) + "\n"));
        }

        return new FieldCipher(key);
    }

    public static bool IsSealed(string value) => value.StartsWith(Prefix, StringComparison.Ordinal);

    public string Seal(string plaintext, string context)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + TagSize + plain.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(context));
        return Prefix + Convert.ToBase64String(output);
    }

    /// <summary>Opens a sealed value; throws <see cref="CryptographicException"/> if it was tampered
    /// with, moved to another object, or sealed with another key.</summary>
    public string Open(string sealedValue, string context)
    {
        var data = Convert.FromBase64String(sealedValue[Prefix.Length..]);
        if (data.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("sealed value is truncated");
        }

        var plain = new byte[data.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize + TagSize), data.AsSpan(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(context));
        return Encoding.UTF8.GetString(plain);
    }
}

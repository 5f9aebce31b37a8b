using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Tke.Registry.Access;

/// <summary>
/// The RSA key the token service signs registry tokens with and the registry verifies them
/// with. Kept as a PKCS#8 PEM file (mode 0600) under the data directory, so tokens stay valid
/// across restarts; written to a temporary file and renamed, so a crash never leaves half a key.
/// </summary>
public sealed class RegistryTokenKey : IDisposable
{
    private RegistryTokenKey(RSA rsa)
    {
        Rsa = rsa;
        var spki = rsa.ExportSubjectPublicKeyInfo();
        KeyId = Base64Url.EncodeToString(SHA256.HashData(spki).AsSpan(0, 15));
    }

    public RSA Rsa { get; }

    /// <summary>The "kid" header of tokens signed with this key.</summary>
    public string KeyId { get; }

    public static RegistryTokenKey LoadOrCreate(string path)
    {
        var rsa = RSA.Create();
        if (File.Exists(path))
        {
            rsa.ImportFromPem(File.ReadAllText(path));
            return new RegistryTokenKey(rsa);
        }

        rsa.KeySize = 2048;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        using (var writer = new StreamWriter(file))
        {
            writer.Write(rsa.ExportPkcs8PrivateKeyPem());
            writer.Flush();
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        return new RegistryTokenKey(rsa);
    }

    /// <summary>A 256-bit secret for <paramref name="purpose"/> derived from the private key
    /// (HKDF-SHA256), so it is kept, and replaced, with the key file instead of in a file of its own.</summary>
    public byte[] DeriveSecret(string purpose)
    {
        var material = Rsa.ExportPkcs8PrivateKey();
        try
        {
            return HKDF.DeriveKey(HashAlgorithmName.SHA256, material, 32, salt: [], info: Encoding.UTF8.GetBytes(purpose));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    public void Dispose() => Rsa.Dispose();
}

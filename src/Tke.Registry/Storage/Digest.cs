using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Tke.Registry.Storage;

/// <summary>The digest algorithms the OCI image spec registers, the only ones this registry stores.</summary>
public enum DigestAlgorithm
{
    Sha256,
    Sha512,
}

/// <summary>A content digest "&lt;algorithm&gt;:&lt;lowercase hex&gt;": sha256 (64 hex digits) or sha512 (128).</summary>
public readonly record struct Digest(DigestAlgorithm Algorithm, string Hex)
{
    public static IReadOnlyList<DigestAlgorithm> Algorithms { get; } = [DigestAlgorithm.Sha256, DigestAlgorithm.Sha512];

    /// <summary>"sha256" or "sha512": the prefix without its colon, and the blob store's folder.</summary>
    public string AlgorithmName => NameOf(Algorithm);

    public override string ToString() => Prefix(Algorithm) + Hex;

    public static string NameOf(DigestAlgorithm algorithm) => algorithm == DigestAlgorithm.Sha512 ? "sha512" : "sha256";

    public static string Prefix(DigestAlgorithm algorithm) => algorithm == DigestAlgorithm.Sha512 ? "sha512:" : "sha256:";

    public static HashAlgorithmName HashNameOf(DigestAlgorithm algorithm) => algorithm == DigestAlgorithm.Sha512 ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;

    /// <summary>Bytes of the algorithm's hash (twice as many hex digits).</summary>
    public static int HashSizeOf(DigestAlgorithm algorithm) => algorithm == DigestAlgorithm.Sha512 ? SHA512.HashSizeInBytes : SHA256.HashSizeInBytes;

    public static bool TryParse(string? text, [NotNullWhen(true)] out Digest? digest)
    {
        digest = null;
        if (text is null)
        {
            return false;
        }

        DigestAlgorithm algorithm;
        if (text.StartsWith(Prefix(DigestAlgorithm.Sha256), StringComparison.Ordinal))
        {
            algorithm = DigestAlgorithm.Sha256;
        }
        else if (text.StartsWith(Prefix(DigestAlgorithm.Sha512), StringComparison.Ordinal))
        {
            algorithm = DigestAlgorithm.Sha512;
        }
        else
        {
            return false;
        }

        var hex = text.AsSpan(Prefix(algorithm).Length);
        if (hex.Length != 2 * HashSizeOf(algorithm))
        {
            return false;
        }

        foreach (var c in hex)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        digest = new Digest(algorithm, hex.ToString());
        return true;
    }

    /// <summary>Whether <paramref name="text"/> is shaped like a digest (algorithm:encoded), supported or not.</summary>
    public static bool LooksLikeDigest(string text) => text.Contains(':', StringComparison.Ordinal);

    public static Digest FromHash(DigestAlgorithm algorithm, ReadOnlySpan<byte> hash) => new(algorithm, Convert.ToHexStringLower(hash));

    /// <summary>The digest of <paramref name="bytes"/> (a manifest body) under <paramref name="algorithm"/>.</summary>
    public static Digest Compute(DigestAlgorithm algorithm, ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[SHA512.HashSizeInBytes];
        var written = algorithm == DigestAlgorithm.Sha512 ? SHA512.HashData(bytes, hash) : SHA256.HashData(bytes, hash);
        return FromHash(algorithm, hash[..written]);
    }
}

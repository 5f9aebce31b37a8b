using System.Diagnostics.CodeAnalysis;

namespace Tke.Registry.Storage;

/// <summary>A content digest "sha256:&lt;64 lowercase hex&gt;", the only algorithm this registry stores.</summary>
public readonly record struct Digest(string Hex)
{
    public const string Sha256Prefix = "sha256:";

    public override string ToString() => Sha256Prefix + Hex;

    public static bool TryParse(string? text, [NotNullWhen(true)] out Digest? digest)
    {
        digest = null;
        if (text is null || text.Length != Sha256Prefix.Length + 64 || !text.StartsWith(Sha256Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var hex = text.AsSpan(Sha256Prefix.Length);
        foreach (var c in hex)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        digest = new Digest(hex.ToString());
        return true;
    }

    /// <summary>Whether <paramref name="text"/> is shaped like a digest (algorithm:encoded), supported or not.</summary>
    public static bool LooksLikeDigest(string text) => text.Contains(':', StringComparison.Ordinal);

    public static Digest FromHash(ReadOnlySpan<byte> sha256) => new(Convert.ToHexStringLower(sha256));
}

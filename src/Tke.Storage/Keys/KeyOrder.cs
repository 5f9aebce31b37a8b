using System.Text;

namespace Tke.Storage.Keys;

/// <summary>
/// Key ordering as every backend sees it: the byte order of the keys' UTF-8 encoding
/// (SQLite's BINARY collation, etcd's byte comparison). For well-formed strings this is
/// Unicode code point order, which differs from .NET's ordinal UTF-16 order only for
/// characters outside the Basic Multilingual Plane.
/// </summary>
public static class KeyOrder
{
    public static IComparer<string> Comparer { get; } = new Utf8ByteComparer();

    /// <summary>Compares two keys in UTF-8 byte order.</summary>
    public static int Compare(string a, string b)
    {
        var common = a.AsSpan().CommonPrefixLength(b);
        if (common == a.Length || common == b.Length)
        {
            return a.Length.CompareTo(b.Length);
        }

        return CodePointRank(a[common]).CompareTo(CodePointRank(b[common]));
    }

    /// <summary>
    /// The smallest key greater than every key that starts with <paramref name="prefix"/>,
    /// or null when there is none (the empty prefix, or one made only of U+10FFFF).
    /// Keys with the prefix are exactly those in [prefix, PrefixEnd(prefix)).
    /// </summary>
    public static string? PrefixEnd(string prefix)
    {
        var end = prefix.Length;
        while (end > 0)
        {
            var status = Rune.DecodeLastFromUtf16(prefix.AsSpan(0, end), out var last, out var width);
            if (status != System.Buffers.OperationStatus.Done)
            {
                // A lone surrogate is stored as U+FFFD, so the bound is computed from that.
                last = Rune.ReplacementChar;
            }

            if (last.Value < 0x10FFFF)
            {
                var next = last.Value + 1 == 0xD800 ? new Rune(0xE000) : new Rune(last.Value + 1);
                return string.Concat(prefix.AsSpan(0, end - width), next.ToString());
            }

            end -= width;
        }

        return null;
    }

    /// <summary>True when <paramref name="key"/> starts with <paramref name="prefix"/>.</summary>
    public static bool HasPrefix(string key, string prefix) => key.StartsWith(prefix, StringComparison.Ordinal);

    // UTF-16 code units ranked so that surrogates (which encode code points above U+FFFF)
    // sort after U+E000..U+FFFF, giving code point order.
    private static int CodePointRank(char c) => c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;

    private sealed class Utf8ByteComparer : IComparer<string>
    {
        public int Compare(string? x, string? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null)
            {
                return -1;
            }

            return y is null ? 1 : KeyOrder.Compare(x, y);
        }
    }
}

namespace Tke.Registry.Distribution;

/// <summary>One byte range of an HTTP <c>Range: bytes=</c> header, resolved against a length.</summary>
public readonly record struct ByteRange(long Start, long Length)
{
    public long End => Start + Length - 1;

    /// <summary>Parses a single range ("bytes=a-b", "bytes=a-", "bytes=-n"); null when not satisfiable
    /// or not a single byte range.</summary>
    public static ByteRange? Parse(string header, long length)
    {
        if (!header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || header.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }

        var spec = header.AsSpan(6).Trim();
        var dash = spec.IndexOf('-');
        if (dash < 0)
        {
            return null;
        }

        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.IsEmpty)
        {
            if (!long.TryParse(last, out var suffix) || suffix <= 0 || length == 0)
            {
                return null;
            }

            suffix = Math.Min(suffix, length);
            return new ByteRange(length - suffix, suffix);
        }

        if (!long.TryParse(first, out var start) || start < 0 || start >= length)
        {
            return null;
        }

        var end = length - 1;
        if (!last.IsEmpty)
        {
            if (!long.TryParse(last, out end) || end < start)
            {
                return null;
            }

            end = Math.Min(end, length - 1);
        }

        return new ByteRange(start, end - start + 1);
    }
}

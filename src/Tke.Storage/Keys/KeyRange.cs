namespace Tke.Storage.Keys;

/// <summary>
/// The keys a range request covers, as bounds in <see cref="KeyOrder"/>:
/// <c>Lower &lt;= key</c>, <c>key != ExcludedLower</c>, <c>key &lt; UpperExclusive</c> (no upper bound when null).
/// </summary>
internal readonly record struct KeyRange(string Lower, string? ExcludedLower, string? UpperExclusive)
{
    /// <summary>Keys starting with <paramref name="prefix"/> and, when given, strictly after <paramref name="startAfter"/>.</summary>
    public static KeyRange ForPrefix(string prefix, string? startAfter = null)
    {
        var upper = KeyOrder.PrefixEnd(prefix);
        if (startAfter is not null && KeyOrder.Compare(startAfter, prefix) >= 0)
        {
            return new KeyRange(startAfter, startAfter, upper);
        }

        return new KeyRange(prefix, null, upper);
    }
}

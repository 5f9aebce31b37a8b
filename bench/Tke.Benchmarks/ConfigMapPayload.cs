using System.Text;

namespace Tke.Benchmarks;

/// <summary>
/// Writes ConfigMap create bodies of a fixed size: eight data entries of pseudo-random text
/// (different per object, so nothing downstream can get away with sharing bytes) padded to
/// exactly the requested number of bytes.
/// </summary>
public sealed class ConfigMapPayload
{
    private const int Entries = 8;
    private static readonly byte[] Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"u8.ToArray();

    private readonly byte[] _head;
    private readonly byte[] _labels;
    private readonly int _bodyBytes;

    public ConfigMapPayload(string apiVersion, string runId, int bodyBytes)
    {
        _head = Encoding.UTF8.GetBytes($"{{\"apiVersion\":\"{apiVersion}\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"");
        _labels = Encoding.UTF8.GetBytes($"\",\"labels\":{{\"tke-bench/run\":\"{runId}\"}}}},\"data\":{{");
        _bodyBytes = bodyBytes;
    }

    public int BodyBytes => _bodyBytes;

    /// <summary>Writes the body for <paramref name="name"/> into <paramref name="buffer"/> (at least
    /// <see cref="BodyBytes"/> long) and returns its length.</summary>
    public int Write(Span<byte> buffer, string name, ulong seed)
    {
        var at = 0;
        Append(buffer, ref at, _head);
        at += Encoding.ASCII.GetBytes(name, buffer[at..]);
        Append(buffer, ref at, _labels);

        // "key-N":"..." entries, then "}}": the filler takes whatever the envelope leaves.
        const int entryOverhead = 10; // "key-N":"" around each value
        var filler = _bodyBytes - at - Entries * entryOverhead - (Entries - 1) - "}}".Length;
        if (filler < Entries)
        {
            throw new InvalidOperationException($"a body of {_bodyBytes} bytes is too small for name {name}");
        }

        var state = seed * 0x9E3779B97F4A7C15UL + 1;
        for (var e = 0; e < Entries; e++)
        {
            if (e > 0)
            {
                buffer[at++] = (byte)',';
            }

            Append(buffer, ref at, "\"key-"u8);
            buffer[at++] = (byte)('0' + e);
            Append(buffer, ref at, "\":\""u8);
            var length = filler / Entries + (e < filler % Entries ? 1 : 0);
            for (var i = 0; i < length; i++)
            {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                buffer[at++] = Alphabet[(int)(state & 63)];
            }

            buffer[at++] = (byte)'"';
        }

        Append(buffer, ref at, "}}"u8);
        return at;
    }

    /// <summary>A merge patch that rewrites one data entry, so the object changes by a few bytes.</summary>
    public static byte[] MergePatch(int sequence) =>
        Encoding.ASCII.GetBytes($"{{\"data\":{{\"key-0\":\"patched-{sequence}\"}}}}");

    private static void Append(Span<byte> buffer, ref int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(buffer[at..]);
        at += bytes.Length;
    }
}

namespace Tke.SimCluster.Streaming.Compression;

/// <summary>
/// A canonical Huffman code of deflate (RFC 1951 3.2.2), built from code lengths and decoded one
/// bit at a time: small and plain, which is all SPDY header blocks need.
/// </summary>
internal sealed class HuffmanCode
{
    private const int MaxBits = 15;
    private readonly int[] _counts = new int[MaxBits + 1];
    private readonly int[] _symbols;

    public HuffmanCode(ReadOnlySpan<int> lengths)
    {
        _symbols = new int[lengths.Length];
        foreach (var length in lengths)
        {
            _counts[length]++;
        }

        // Over-subscribed codes are corrupt; incomplete ones are allowed (a single distance code is).
        var left = 1;
        for (var bits = 1; bits <= MaxBits; bits++)
        {
            left <<= 1;
            left -= _counts[bits];
            if (left < 0)
            {
                throw new InvalidDataException("invalid deflate data: an over-subscribed Huffman code");
            }
        }

        var offsets = new int[MaxBits + 1];
        for (var bits = 1; bits < MaxBits; bits++)
        {
            offsets[bits + 1] = offsets[bits] + _counts[bits];
        }

        for (var symbol = 0; symbol < lengths.Length; symbol++)
        {
            if (lengths[symbol] != 0)
            {
                _symbols[offsets[lengths[symbol]]++] = symbol;
            }
        }
    }

    public int Decode(BitInput input)
    {
        int code = 0, first = 0, index = 0;
        for (var bits = 1; bits <= MaxBits; bits++)
        {
            code |= input.ReadBit();
            var count = _counts[bits];
            if (code - count < first)
            {
                return _symbols[index + (code - first)];
            }

            index += count;
            first += count;
            first <<= 1;
            code <<= 1;
        }

        throw new InvalidDataException("invalid deflate data: a code that the Huffman table does not have");
    }
}

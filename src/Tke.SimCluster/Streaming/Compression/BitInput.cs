namespace Tke.SimCluster.Streaming.Compression;

/// <summary>
/// Deflate's input: bits are taken least significant first. Input arrives in pieces, so a read
/// past the end throws <see cref="InputExhaustedException"/> and the inflater rewinds to the start
/// of the unit it was decoding, to try again when more input has come.
/// </summary>
internal sealed class BitInput
{
    private byte[] _buffer = new byte[256];
    private int _length;

    /// <summary>Position in bits from the start of the buffer.</summary>
    public long Position { get; set; }

    public long AvailableBits => ((long)_length * 8) - Position;

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_length + data.Length > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + data.Length));
        }

        data.CopyTo(_buffer.AsSpan(_length));
        _length += data.Length;
    }

    /// <summary>Drops the bytes already read entirely.</summary>
    public void Compact()
    {
        var consumed = (int)(Position >> 3);
        if (consumed == 0)
        {
            return;
        }

        _buffer.AsSpan(consumed, _length - consumed).CopyTo(_buffer);
        _length -= consumed;
        Position -= (long)consumed * 8;
    }

    public int ReadBit()
    {
        if (Position >= (long)_length * 8)
        {
            throw new InputExhaustedException();
        }

        var bit = (_buffer[(int)(Position >> 3)] >> (int)(Position & 7)) & 1;
        Position++;
        return bit;
    }

    public int ReadBits(int count)
    {
        if (AvailableBits < count)
        {
            throw new InputExhaustedException();
        }

        var value = 0;
        for (var i = 0; i < count; i++)
        {
            value |= ReadBit() << i;
        }

        return value;
    }

    /// <summary>Skips to the next byte boundary (before stored blocks and the zlib trailer).</summary>
    public void AlignToByte() => Position = (Position + 7) & ~7L;

    public byte ReadAlignedByte()
    {
        if (AvailableBits < 8)
        {
            throw new InputExhaustedException();
        }

        var b = _buffer[(int)(Position >> 3)];
        Position += 8;
        return b;
    }

    /// <summary>Whole bytes available from the (aligned) position.</summary>
    public int AvailableBytes => (int)(AvailableBits >> 3);

    public ReadOnlySpan<byte> TakeAlignedBytes(int count)
    {
        var span = _buffer.AsSpan((int)(Position >> 3), count);
        Position += (long)count * 8;
        return span;
    }
}

/// <summary>The input ended inside a unit; the inflater waits for more.</summary>
internal sealed class InputExhaustedException : Exception
{
}

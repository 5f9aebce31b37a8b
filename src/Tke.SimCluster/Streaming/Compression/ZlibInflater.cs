namespace Tke.SimCluster.Streaming.Compression;

/// <summary>
/// Decompresses one zlib stream (RFC 1950 around RFC 1951 deflate) that arrives in pieces, with
/// an optional preset dictionary. SPDY compresses all header blocks of a connection as one zlib
/// stream whose window starts with SPDY's dictionary, and .NET's DeflateStream cannot be given
/// one. Each call returns what the new input decodes to; input that ends inside a block is kept
/// until the rest arrives.
/// </summary>
public sealed class ZlibInflater
{
    private const int WindowSize = 1 << 15;
    private const int WindowMask = WindowSize - 1;

    private static readonly int[] LengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
    private static readonly int[] LengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
    private static readonly int[] DistanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
    private static readonly int[] DistanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
    private static readonly int[] CodeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
    private static readonly Lazy<(HuffmanCode Literals, HuffmanCode Distances)> FixedCodes = new(BuildFixedCodes);

    private readonly byte[]? _dictionary;
    private readonly BitInput _input = new();
    private readonly byte[] _window = new byte[WindowSize];
    private int _windowPosition;
    private long _windowFill;
    private Adler32 _checksum = new();
    private State _state = State.ZlibHeader;
    private bool _finalBlock;
    private int _storedRemaining;
    private HuffmanCode? _literals;
    private HuffmanCode? _distances;

    /// <param name="presetDictionary">The dictionary a stream with FDICT set must name (by its Adler-32).</param>
    public ZlibInflater(byte[]? presetDictionary = null)
    {
        _dictionary = presetDictionary;
    }

    private enum State
    {
        ZlibHeader,
        BlockHeader,
        Stored,
        Huffman,
        Trailer,
        Done,
    }

    /// <summary>True once the final block and the checksum have been read.</summary>
    public bool Finished => _state == State.Done;

    /// <summary>Adds input and returns everything it completes.</summary>
    /// <exception cref="InvalidDataException">The input is not valid zlib data.</exception>
    public byte[] Inflate(ReadOnlySpan<byte> input)
    {
        if (_state == State.Done && !input.IsEmpty)
        {
            throw new InvalidDataException("invalid zlib data: input after the end of the stream");
        }

        _input.Append(input);
        var output = new MemoryStream();
        while (_state != State.Done)
        {
            var checkpoint = _input.Position;
            try
            {
                Step(output);
            }
            catch (InputExhaustedException)
            {
                _input.Position = checkpoint;
                break;
            }
        }

        _input.Compact();
        return output.ToArray();
    }

    /// <summary>Decodes one unit (a header, a symbol, a run of stored bytes); state changes only
    /// once the unit's input is all there, so a rewind to the checkpoint repeats it cleanly.</summary>
    private void Step(MemoryStream output)
    {
        switch (_state)
        {
            case State.ZlibHeader:
                ReadZlibHeader();
                break;
            case State.BlockHeader:
                ReadBlockHeader();
                break;
            case State.Stored:
                CopyStored(output);
                break;
            case State.Huffman:
                DecodeSymbol(output);
                break;
            case State.Trailer:
                ReadTrailer();
                break;
        }
    }

    private void ReadZlibHeader()
    {
        var cmf = _input.ReadAlignedByte();
        var flg = _input.ReadAlignedByte();
        if ((cmf & 0x0f) != 8 || (cmf >> 4) > 7)
        {
            throw new InvalidDataException("invalid zlib data: the compression method is not deflate with a window of at most 32 KiB");
        }

        if (((cmf << 8) | flg) % 31 != 0)
        {
            throw new InvalidDataException("invalid zlib data: the header check bits are wrong");
        }

        if ((flg & 0x20) != 0)
        {
            var id = (uint)(_input.ReadAlignedByte() << 24 | _input.ReadAlignedByte() << 16 | _input.ReadAlignedByte() << 8 | _input.ReadAlignedByte());
            if (_dictionary is null || Adler32.Of(_dictionary) != id)
            {
                throw new InvalidDataException($"invalid zlib data: the stream needs preset dictionary {id:x8}, which this reader does not have");
            }

            foreach (var b in _dictionary)
            {
                PutInWindow(b);
            }
        }

        _state = State.BlockHeader;
    }

    private void ReadBlockHeader()
    {
        var final = _input.ReadBits(1) == 1;
        var type = _input.ReadBits(2);
        switch (type)
        {
            case 0:
                _input.AlignToByte();
                var low = _input.ReadAlignedByte() | (_input.ReadAlignedByte() << 8);
                var complement = _input.ReadAlignedByte() | (_input.ReadAlignedByte() << 8);
                if ((low ^ 0xffff) != complement)
                {
                    throw new InvalidDataException("invalid deflate data: a stored block's length does not match its complement");
                }

                _finalBlock = final;
                _storedRemaining = low;
                _state = low == 0 ? AfterBlock() : State.Stored;
                break;
            case 1:
                (_literals, _distances) = FixedCodes.Value;
                _finalBlock = final;
                _state = State.Huffman;
                break;
            case 2:
                var (literals, distances) = ReadDynamicCodes();
                (_literals, _distances) = (literals, distances);
                _finalBlock = final;
                _state = State.Huffman;
                break;
            default:
                throw new InvalidDataException("invalid deflate data: block type 3 is reserved");
        }
    }

    private (HuffmanCode Literals, HuffmanCode Distances) ReadDynamicCodes()
    {
        var literalCount = _input.ReadBits(5) + 257;
        var distanceCount = _input.ReadBits(5) + 1;
        var codeLengthCount = _input.ReadBits(4) + 4;
        if (literalCount > 286 || distanceCount > 30)
        {
            throw new InvalidDataException("invalid deflate data: too many literal or distance codes");
        }

        var codeLengthLengths = new int[19];
        for (var i = 0; i < codeLengthCount; i++)
        {
            codeLengthLengths[CodeLengthOrder[i]] = _input.ReadBits(3);
        }

        var codeLengths = new HuffmanCode(codeLengthLengths);
        var lengths = new int[literalCount + distanceCount];
        var index = 0;
        while (index < lengths.Length)
        {
            var symbol = codeLengths.Decode(_input);
            if (symbol < 16)
            {
                lengths[index++] = symbol;
                continue;
            }

            int repeat, value = 0;
            switch (symbol)
            {
                case 16:
                    if (index == 0)
                    {
                        throw new InvalidDataException("invalid deflate data: a repeat with no previous length");
                    }

                    value = lengths[index - 1];
                    repeat = 3 + _input.ReadBits(2);
                    break;
                case 17:
                    repeat = 3 + _input.ReadBits(3);
                    break;
                default:
                    repeat = 11 + _input.ReadBits(7);
                    break;
            }

            if (index + repeat > lengths.Length)
            {
                throw new InvalidDataException("invalid deflate data: code lengths repeat past their end");
            }

            lengths.AsSpan(index, repeat).Fill(value);
            index += repeat;
        }

        if (lengths[256] == 0)
        {
            throw new InvalidDataException("invalid deflate data: no end-of-block code");
        }

        return (new HuffmanCode(lengths.AsSpan(0, literalCount)), new HuffmanCode(lengths.AsSpan(literalCount)));
    }

    private void CopyStored(MemoryStream output)
    {
        var count = Math.Min(_storedRemaining, _input.AvailableBytes);
        if (count == 0)
        {
            throw new InputExhaustedException();
        }

        foreach (var b in _input.TakeAlignedBytes(count))
        {
            Emit(output, b);
        }

        _storedRemaining -= count;
        if (_storedRemaining == 0)
        {
            _state = AfterBlock();
        }
    }

    private void DecodeSymbol(MemoryStream output)
    {
        var symbol = _literals!.Decode(_input);
        if (symbol < 256)
        {
            Emit(output, (byte)symbol);
            return;
        }

        if (symbol == 256)
        {
            _state = AfterBlock();
            return;
        }

        symbol -= 257;
        if (symbol >= LengthBase.Length)
        {
            throw new InvalidDataException("invalid deflate data: a length code out of range");
        }

        var length = LengthBase[symbol] + _input.ReadBits(LengthExtra[symbol]);
        var distanceSymbol = _distances!.Decode(_input);
        if (distanceSymbol >= DistanceBase.Length)
        {
            throw new InvalidDataException("invalid deflate data: a distance code out of range");
        }

        var distance = DistanceBase[distanceSymbol] + _input.ReadBits(DistanceExtra[distanceSymbol]);
        if (distance > _windowFill)
        {
            throw new InvalidDataException("invalid deflate data: a distance too far back");
        }

        for (var i = 0; i < length; i++)
        {
            Emit(output, _window[(_windowPosition - distance) & WindowMask]);
        }
    }

    private void ReadTrailer()
    {
        _input.AlignToByte();
        var expected = (uint)(_input.ReadAlignedByte() << 24 | _input.ReadAlignedByte() << 16 | _input.ReadAlignedByte() << 8 | _input.ReadAlignedByte());
        if (expected != _checksum.Value)
        {
            throw new InvalidDataException("invalid zlib data: the Adler-32 checksum does not match");
        }

        _state = State.Done;
    }

    private State AfterBlock() => _finalBlock ? State.Trailer : State.BlockHeader;

    private void Emit(MemoryStream output, byte b)
    {
        output.WriteByte(b);
        _checksum.Update(b);
        PutInWindow(b);
    }

    private void PutInWindow(byte b)
    {
        _window[_windowPosition] = b;
        _windowPosition = (_windowPosition + 1) & WindowMask;
        _windowFill = Math.Min(_windowFill + 1, WindowSize);
    }

    private static (HuffmanCode, HuffmanCode) BuildFixedCodes()
    {
        var literals = new int[288];
        literals.AsSpan(0, 144).Fill(8);
        literals.AsSpan(144, 112).Fill(9);
        literals.AsSpan(256, 24).Fill(7);
        literals.AsSpan(280, 8).Fill(8);
        var distances = new int[30];
        distances.AsSpan().Fill(5);
        return (new HuffmanCode(literals), new HuffmanCode(distances));
    }
}

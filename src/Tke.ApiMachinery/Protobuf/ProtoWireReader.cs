using System.Buffers.Binary;

namespace Tke.ApiMachinery.Protobuf;

public enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
}

/// <summary>
/// Reads the protobuf wire format from a span. Every read checks the remaining length, so
/// truncated or hostile input ends in a <see cref="ProtobufFormatException"/>, never an overrun.
/// </summary>
public ref struct ProtoWireReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly bool AtEnd => _position >= _data.Length;

    /// <summary>Reads a field key; field numbers outside 1..2^29-1 are malformed.</summary>
    public (int Field, WireType Type) ReadTag()
    {
        var key = ReadVarint();
        var field = key >> 3;
        if (field is 0 or > 536_870_911)
        {
            throw new ProtobufFormatException($"invalid field number {field}");
        }

        var type = (WireType)(key & 7);
        if (type is > WireType.Fixed32)
        {
            throw new ProtobufFormatException($"invalid wire type {(int)type} for field {field}");
        }

        return ((int)field, type);
    }

    /// <summary>A base-128 varint of at most ten bytes.</summary>
    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw new ProtobufFormatException("truncated varint");
            }

            var b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new ProtobufFormatException("varint longer than ten bytes");
    }

    public ulong ReadFixed64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public uint ReadFixed32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            throw new ProtobufFormatException($"length {length} runs past the end of the input");
        }

        return Take((int)length);
    }

    /// <summary>Skips a field we have no schema for. Groups are a proto2 relic Kubernetes never writes.</summary>
    public void Skip(WireType type)
    {
        switch (type)
        {
            case WireType.Varint: ReadVarint(); break;
            case WireType.Fixed64: Take(8); break;
            case WireType.LengthDelimited: ReadLengthDelimited(); break;
            case WireType.Fixed32: Take(4); break;
            default: throw new ProtobufFormatException($"unsupported wire type {type}");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - _position)
        {
            throw new ProtobufFormatException("truncated input");
        }

        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }
}

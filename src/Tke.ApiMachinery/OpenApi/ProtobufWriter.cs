using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Tke.ApiMachinery.OpenApi;

/// <summary>
/// Writes the protocol buffers wire format (varint, 64-bit and length-delimited fields) with proto3
/// semantics: scalars equal to their default are left out unless the caller asks otherwise, as oneof
/// members must be. Nested messages are written into their own writer first because the wire format
/// puts a message's length before its bytes.
/// </summary>
internal sealed class ProtobufWriter
{
    private const int WireVarint = 0;
    private const int WireFixed64 = 1;
    private const int WireLengthDelimited = 2;

    private readonly ArrayBufferWriter<byte> _buffer = new();

    public void String(int field, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Bytes(field, Encoding.UTF8.GetBytes(value));
        }
    }

    public void Strings(int field, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            // Elements of a repeated string are kept even when empty: their position is the content.
            Bytes(field, Encoding.UTF8.GetBytes(value));
        }
    }

    public void Bool(int field, bool value, bool evenIfDefault = false)
    {
        if (value || evenIfDefault)
        {
            Tag(field, WireVarint);
            Varint(value ? 1UL : 0UL);
        }
    }

    public void Int64(int field, long value)
    {
        if (value != 0)
        {
            Tag(field, WireVarint);
            Varint(unchecked((ulong)value));
        }
    }

    public void Double(int field, double value)
    {
        if (value != 0 || double.IsNegative(value))
        {
            Tag(field, WireFixed64);
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
            _buffer.Write(bytes);
        }
    }

    /// <summary>Writes a nested message; an empty message is still written, so the reader sees it as present.</summary>
    public void Message(int field, Action<ProtobufWriter> write)
    {
        var nested = new ProtobufWriter();
        write(nested);
        Bytes(field, nested._buffer.WrittenSpan);
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    private void Bytes(int field, ReadOnlySpan<byte> bytes)
    {
        Tag(field, WireLengthDelimited);
        Varint((ulong)bytes.Length);
        _buffer.Write(bytes);
    }

    private void Tag(int field, int wireType) => Varint(((ulong)field << 3) | (uint)wireType);

    private void Varint(ulong value)
    {
        Span<byte> bytes = stackalloc byte[10];
        var n = 0;
        while (value >= 0x80)
        {
            bytes[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        bytes[n++] = (byte)value;
        _buffer.Write(bytes[..n]);
    }
}

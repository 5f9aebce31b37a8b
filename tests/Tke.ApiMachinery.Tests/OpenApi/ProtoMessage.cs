using System.Buffers.Binary;
using System.Text;

namespace Tke.ApiMachinery.Tests.OpenApi;

/// <summary>
/// A minimal protocol buffers reader for checking the encoder independently: it parses one message's
/// fields (any wire type, so a wrong type or a truncated length fails the parse) and lets the test
/// navigate by field number.
/// </summary>
internal sealed class ProtoMessage
{
    private readonly List<Field> _fields = [];

    private ProtoMessage(ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        var position = 0;
        while (position < span.Length)
        {
            var tag = ReadVarint(span, ref position);
            var number = (int)(tag >> 3);
            var wireType = (int)(tag & 7);
            Assert.True(number > 0, "field number 0 is invalid");
            switch (wireType)
            {
                case 0:
                    _fields.Add(new Field(number, wireType, ReadVarint(span, ref position), default));
                    break;
                case 1:
                    _fields.Add(new Field(number, wireType, BinaryPrimitives.ReadUInt64LittleEndian(span.Slice(position, 8)), default));
                    position += 8;
                    break;
                case 2:
                    var length = checked((int)ReadVarint(span, ref position));
                    Assert.True(position + length <= span.Length, "length-delimited field runs past the end of its message");
                    _fields.Add(new Field(number, wireType, 0, data.Slice(position, length)));
                    position += length;
                    break;
                case 5:
                    _fields.Add(new Field(number, wireType, BinaryPrimitives.ReadUInt32LittleEndian(span.Slice(position, 4)), default));
                    position += 4;
                    break;
                default:
                    Assert.Fail($"unsupported wire type {wireType} of field {number}");
                    break;
            }
        }
    }

    public static ProtoMessage Parse(ReadOnlyMemory<byte> data) => new(data);

    public IEnumerable<int> FieldNumbers => _fields.Select(f => f.Number).Distinct();

    public IEnumerable<ProtoMessage> Messages(int field) => Of(field, 2).Select(f => new ProtoMessage(f.Bytes));

    public ProtoMessage Message(int field) => Assert.Single(Messages(field));

    public ProtoMessage? OptionalMessage(int field) => Messages(field).SingleOrDefault();

    public IEnumerable<string> Strings(int field) => Of(field, 2).Select(f => Encoding.UTF8.GetString(f.Bytes.Span));

    public string? String(int field) => Strings(field).SingleOrDefault();

    public ulong? Varint(int field) => Of(field, 0).Select(f => (ulong?)f.Number64).SingleOrDefault();

    public double? Double(int field) => Of(field, 1).Select(f => (double?)BitConverter.UInt64BitsToDouble(f.Number64)).SingleOrDefault();

    private IEnumerable<Field> Of(int field, int wireType)
    {
        foreach (var f in _fields.Where(f => f.Number == field))
        {
            Assert.True(f.WireType == wireType, $"field {field} has wire type {f.WireType}, expected {wireType}");
            yield return f;
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> span, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            Assert.True(position < span.Length, "varint runs past the end of its message");
            var b = span[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        Assert.Fail("varint longer than 10 bytes");
        return 0;
    }

    private readonly record struct Field(int Number, int WireType, ulong Number64, ReadOnlyMemory<byte> Bytes);
}

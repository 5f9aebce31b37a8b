using Tke.ApiMachinery.Protobuf;

namespace Tke.ApiMachinery.Tests.Protobuf;

public sealed class ProtoWireReaderTests
{
    [Theory]
    [InlineData(new byte[] { 0x00 }, 0UL)]
    [InlineData(new byte[] { 0x7F }, 127UL)]
    [InlineData(new byte[] { 0xAC, 0x02 }, 300UL)]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x08 }, 2147483648UL)]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, ulong.MaxValue)]
    public void Reads_varints_of_one_to_ten_bytes(byte[] bytes, ulong expected)
    {
        var reader = new ProtoWireReader(bytes);
        Assert.Equal(expected, reader.ReadVarint());
        Assert.True(reader.AtEnd);
    }

    [Fact]
    public void A_varint_longer_than_ten_bytes_is_malformed() =>
        Assert.Throws<ProtobufFormatException>(() => new ProtoWireReader([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]).ReadVarint());

    [Theory]
    [InlineData(new byte[] { 0x80 })]
    [InlineData(new byte[] { 0xAC })]
    public void A_truncated_varint_is_malformed(byte[] bytes) =>
        Assert.Throws<ProtobufFormatException>(() => new ProtoWireReader(bytes).ReadVarint());

    [Fact]
    public void Reads_fixed_width_values_little_endian()
    {
        var reader = new ProtoWireReader([0x01, 0x02, 0x03, 0x04, 0x01, 0, 0, 0, 0, 0, 0, 0x80]);
        Assert.Equal(0x04030201u, reader.ReadFixed32());
        Assert.Equal(0x8000000000000001UL, reader.ReadFixed64());
        Assert.True(reader.AtEnd);
    }

    [Fact]
    public void A_length_past_the_end_is_malformed()
    {
        Assert.Throws<ProtobufFormatException>(() => new ProtoWireReader([0x05, 0x61, 0x62]).ReadLengthDelimited());
        // A length near 2^64 must not wrap around into a small one.
        Assert.Throws<ProtobufFormatException>(() => new ProtoWireReader([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x61]).ReadLengthDelimited());
    }

    [Fact]
    public void Truncated_fixed_width_values_are_malformed()
    {
        Assert.Throws<ProtobufFormatException>(() => new ProtoWireReader([1, 2, 3]).ReadFixed32());
        Assert.Throws<ProtobufFormatException>(() => new ProtoWireReader([1, 2, 3, 4, 5, 6, 7]).ReadFixed64());
    }

    [Fact]
    public void Reads_tags_and_skips_every_wire_type()
    {
        var bytes = new ProtoBytes().Varint(1, 300L).Fixed64(2, 7).String(3, "abc").Fixed32(4, 9).Varint(5, 1L).ToArray();
        var reader = new ProtoWireReader(bytes);
        var seen = new List<(int, WireType)>();
        while (!reader.AtEnd)
        {
            var tag = reader.ReadTag();
            seen.Add(tag);
            reader.Skip(tag.Type);
        }

        Assert.Equal([(1, WireType.Varint), (2, WireType.Fixed64), (3, WireType.LengthDelimited), (4, WireType.Fixed32), (5, WireType.Varint)], seen);
    }

    [Theory]
    [InlineData(new byte[] { 0x00 })] // field 0
    [InlineData(new byte[] { 0x0E })] // wire type 6
    [InlineData(new byte[] { 0x0F })] // wire type 7
    public void Rejects_invalid_tags(byte[] bytes) =>
        Assert.Throws<ProtobufFormatException>(() => new ProtoWireReader(bytes).ReadTag());

    [Fact]
    public void Groups_are_not_skipped() =>
        Assert.Throws<ProtobufFormatException>(() => new ProtoWireReader([]).Skip(WireType.StartGroup));
}

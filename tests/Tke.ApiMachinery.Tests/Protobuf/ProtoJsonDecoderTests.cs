using System.Text.Json.Nodes;
using Tke.ApiMachinery.Protobuf;

namespace Tke.ApiMachinery.Tests.Protobuf;

public sealed class ProtoJsonDecoderTests
{
    private static readonly ProtoSchemaRegistry Registry = ProtoSchemaRegistry.FromFiles([ProtoSchemaParser.Parse("test.proto", """
        package t;
        enum Mode { A = 0; B = 1; }
        message Ref { optional string name = 1 [(gogoproto.nullable) = false]; }
        message Node {
          optional string text = 1 [(gogoproto.nullable) = false];
          optional int32 count = 2;
          optional int32 plain = 3 [(gogoproto.nullable) = false];
          repeated int32 numbers = 4;
          repeated string words = 5;
          map<string, string> labels = 6;
          map<string, bytes> data = 7;
          optional bytes blob = 8;
          optional Ref ref = 9 [(gogoproto.nullable) = false, (gogoproto.embed) = true];
          optional Node child = 10;
          repeated Node children = 11;
          optional sint64 delta = 12;
          optional bool flag = 13;
          optional Mode mode = 14;
          optional double ratio = 15;
          optional uint64 big = 16;
          map<int32, Ref> refs = 17;
          optional fixed32 f32 = 18;
          optional sfixed64 s64 = 19;
          optional float half = 20;
        }
        """)]);

    private static JsonObject Decode(ProtoBytes bytes) => new ProtoJsonDecoder(Registry).Decode("t.Node", bytes.ToArray());

    [Fact]
    public void Scalars_map_to_their_Go_JSON_values()
    {
        var json = Decode(new ProtoBytes()
            .String(1, "hi").Varint(2, -5L).Varint(12, 3UL /* zigzag -2 */).Varint(13, 1UL).Varint(14, 1UL)
            .Fixed64(15, BitConverter.DoubleToUInt64Bits(0.25)).Varint(16, ulong.MaxValue).Bytes(8, [0, 1, 2])
            .Fixed32(18, 7).Fixed64(19, unchecked((ulong)-9L)).Fixed32(20, BitConverter.SingleToUInt32Bits(1.5f)));
        Assert.Equal("""{"text":"hi","count":-5,"delta":-2,"flag":true,"mode":1,"ratio":0.25,"big":18446744073709551615,"blob":"AAEC","f32":7,"s64":-9,"half":1.5}""", json.ToJsonString());
    }

    [Fact]
    public void Zero_values_are_dropped_only_for_fields_that_are_not_pointers_in_Go()
    {
        // count is *int32: an explicit 0 (like replicas: 0) must survive; plain and text are values.
        var json = Decode(new ProtoBytes().String(1, "").Varint(2, 0L).Varint(3, 0L));
        Assert.Equal("""{"count":0}""", json.ToJsonString());
    }

    [Fact]
    public void Repeated_fields_read_both_packed_and_unpacked_values()
    {
        var packed = new ProtoBytes().Raw(ProtoBytes.VarintBytes(1)).Raw(ProtoBytes.VarintBytes(300)).Raw(ProtoBytes.VarintBytes(unchecked((ulong)-1L))).ToArray();
        var json = Decode(new ProtoBytes().Bytes(4, packed).Varint(4, 7L).String(5, "a").String(5, "b"));
        Assert.Equal("""{"numbers":[1,300,-1,7],"words":["a","b"]}""", json.ToJsonString());
    }

    [Fact]
    public void Maps_become_objects_with_base64_bytes_and_default_values()
    {
        var json = Decode(new ProtoBytes()
            .Message(6, new ProtoBytes().String(1, "app").String(2, "web"))
            .Message(6, new ProtoBytes().String(1, "empty"))
            .Message(6, new ProtoBytes().String(1, "app").String(2, "api"))
            .Message(7, new ProtoBytes().String(1, "p").String(2, "q"))
            .Message(17, new ProtoBytes().Varint(1, 4L).Message(2, new ProtoBytes().String(1, "four"))));
        Assert.Equal("""{"labels":{"app":"api","empty":""},"data":{"p":"cQ=="},"refs":{"4":{"name":"four"}}}""", json.ToJsonString());
    }

    [Fact]
    public void Embedded_messages_are_inlined_and_nested_ones_kept()
    {
        var json = Decode(new ProtoBytes()
            .Message(9, new ProtoBytes().String(1, "cm"))
            .Message(10, new ProtoBytes().String(1, "c"))
            .Message(10, new ProtoBytes().Varint(2, 2L))
            .Message(11, new ProtoBytes())
            .Message(11, new ProtoBytes().String(5, "x")));
        Assert.Equal("""{"name":"cm","child":{"text":"c","count":2},"children":[{},{"words":["x"]}]}""", json.ToJsonString());
    }

    [Fact]
    public void Unknown_fields_of_every_wire_type_are_skipped()
    {
        var json = Decode(new ProtoBytes().Varint(100, 1L).Fixed64(101, 1).String(102, "x").Fixed32(103, 1).String(1, "kept"));
        Assert.Equal("""{"text":"kept"}""", json.ToJsonString());
    }

    [Fact]
    public void A_wire_type_that_contradicts_the_schema_is_malformed() =>
        Assert.Contains("text", Assert.Throws<ProtobufFormatException>(() => Decode(new ProtoBytes().Varint(1, 1L))).Message);

    [Theory]
    [InlineData(new byte[] { 0x0A, 0x05, 0x61 })] // text: length 5, one byte
    [InlineData(new byte[] { 0x10 })] // count: no value
    [InlineData(new byte[] { 0x52, 0x02, 0x0A })] // child: the inner field is cut off
    public void Truncated_input_is_malformed(byte[] bytes) =>
        Assert.Throws<ProtobufFormatException>(() => new ProtoJsonDecoder(Registry).Decode("t.Node", bytes));

    [Fact]
    public void Nesting_deeper_than_the_limit_is_malformed()
    {
        var nested = new ProtoBytes();
        for (var i = 0; i < ProtoJsonDecoder.MaxDepth + 5; i++)
        {
            nested = new ProtoBytes().Message(10, nested);
        }

        Assert.Contains("nested", Assert.Throws<ProtobufFormatException>(() => Decode(nested)).Message);
    }

    [Fact]
    public void The_number_of_values_is_bounded()
    {
        var many = new ProtoBytes();
        for (var i = 0; i <= ProtoJsonDecoder.MaxValues; i++)
        {
            many.Raw(0x5A, 0x00); // children: an empty message
        }

        Assert.Contains("values", Assert.Throws<ProtobufFormatException>(() => Decode(many)).Message);
    }

    [Fact]
    public void Non_finite_doubles_are_rejected() =>
        Assert.Throws<ProtobufFormatException>(() => Decode(new ProtoBytes().Fixed64(15, BitConverter.DoubleToUInt64Bits(double.NaN))));
}

using System.Text;

namespace Tke.ApiMachinery.Tests.Protobuf;

/// <summary>Builds protobuf wire bytes by hand, so tests can state exactly what is on the wire.</summary>
internal sealed class ProtoBytes
{
    private readonly List<byte> _bytes = [];

    public ProtoBytes Varint(int field, ulong value) => Tag(field, 0).Raw(VarintBytes(value));

    public ProtoBytes Varint(int field, long value) => Varint(field, (ulong)value);

    public ProtoBytes Fixed64(int field, ulong value) => Tag(field, 1).Raw(BitConverter.GetBytes(value));

    public ProtoBytes Fixed32(int field, uint value) => Tag(field, 5).Raw(BitConverter.GetBytes(value));

    public ProtoBytes Bytes(int field, byte[] value) => Tag(field, 2).Raw(VarintBytes((ulong)value.Length)).Raw(value);

    public ProtoBytes String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoBytes Message(int field, ProtoBytes value) => Bytes(field, value.ToArray());

    public ProtoBytes Raw(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public byte[] ToArray() => [.. _bytes];

    public static byte[] VarintBytes(ulong value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
        return [.. bytes];
    }

    /// <summary>"k8s\0" and a runtime.Unknown around <paramref name="raw"/>.</summary>
    public static byte[] Envelope(string apiVersion, string kind, ProtoBytes raw) =>
        [.. "k8s\0"u8, .. new ProtoBytes().Message(1, new ProtoBytes().String(1, apiVersion).String(2, kind)).Message(2, raw).ToArray()];

    private ProtoBytes Tag(int field, int wireType) => Raw(VarintBytes((ulong)((field << 3) | wireType)));
}

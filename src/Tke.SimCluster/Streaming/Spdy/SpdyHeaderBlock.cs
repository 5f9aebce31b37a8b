using System.Buffers.Binary;
using System.Text;

namespace Tke.SimCluster.Streaming.Spdy;

/// <summary>The uncompressed form of a SPDY/3 header block: a 32-bit pair count, then each name
/// and value as a 32-bit length and bytes.</summary>
public static class SpdyHeaderBlock
{
    public static byte[] Encode(SpdyHeaders headers)
    {
        var output = new MemoryStream();
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, headers.Pairs.Count);
        output.Write(number);
        foreach (var (name, value) in headers.Pairs)
        {
            foreach (var text in new[] { name, value })
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                BinaryPrimitives.WriteInt32BigEndian(number, bytes.Length);
                output.Write(number);
                output.Write(bytes);
            }
        }

        return output.ToArray();
    }

    /// <exception cref="SpdyProtocolException">The block is cut short or has trailing bytes.</exception>
    public static SpdyHeaders Decode(ReadOnlySpan<byte> block)
    {
        var headers = new SpdyHeaders();
        var count = ReadLength(ref block);
        for (var i = 0; i < count; i++)
        {
            var name = ReadString(ref block);
            var value = ReadString(ref block);
            if (name.Length == 0)
            {
                throw new SpdyProtocolException("a SPDY header block has an empty header name");
            }

            headers.Add(name, value);
        }

        if (!block.IsEmpty)
        {
            throw new SpdyProtocolException("a SPDY header block has bytes after its last header");
        }

        return headers;
    }

    private static string ReadString(ref ReadOnlySpan<byte> block)
    {
        var length = ReadLength(ref block);
        if (length > block.Length)
        {
            throw new SpdyProtocolException("a SPDY header block is shorter than its lengths say");
        }

        var text = Encoding.UTF8.GetString(block[..length]);
        block = block[length..];
        return text;
    }

    private static int ReadLength(ref ReadOnlySpan<byte> block)
    {
        if (block.Length < 4)
        {
            throw new SpdyProtocolException("a SPDY header block is shorter than its lengths say");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(block);
        block = block[4..];
        return length > int.MaxValue ? throw new SpdyProtocolException("a SPDY header block has an impossible length") : (int)length;
    }
}

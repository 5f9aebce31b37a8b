using System.Buffers.Binary;
using Tke.SimCluster.Streaming.Compression;

namespace Tke.SimCluster.Streaming.Spdy;

/// <summary>Reads SPDY/3 frames from a byte stream, inflating header blocks with one zlib stream
/// per connection that starts from SPDY's dictionary.</summary>
public sealed class SpdyFrameReader(Stream input)
{
    private readonly ZlibInflater _headers = new(SpdyHeaderDictionary.Bytes);
    private readonly byte[] _frameHeader = new byte[8];

    /// <summary>The next frame, or null when the stream ends cleanly between frames.</summary>
    /// <exception cref="SpdyProtocolException">The bytes are not valid SPDY/3.</exception>
    public async Task<SpdyFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        if (!await FillAsync(_frameHeader, allowEnd: true, cancellationToken))
        {
            return null;
        }

        var first = BinaryPrimitives.ReadUInt32BigEndian(_frameHeader);
        var flags = _frameHeader[4];
        var length = (int)(BinaryPrimitives.ReadUInt32BigEndian(_frameHeader.AsSpan(4)) & 0xffffff);
        var payload = new byte[length];
        await FillAsync(payload, allowEnd: false, cancellationToken);
        if ((first & 0x80000000) == 0)
        {
            return new SpdyDataFrame(first & 0x7fffffff, (flags & SpdyFrame.FlagFin) != 0, payload);
        }

        var version = (ushort)((first >> 16) & 0x7fff);
        if (version != SpdyFrame.Version)
        {
            throw new SpdyProtocolException($"unsupported SPDY version {version}; this server speaks SPDY/3");
        }

        return ParseControl((ushort)(first & 0xffff), flags, payload);
    }

    private SpdyFrame ParseControl(ushort type, byte flags, byte[] payload)
    {
        var span = payload.AsSpan();
        switch ((SpdyControlType)type)
        {
            case SpdyControlType.SynStream:
                Require(span, 10, "SYN_STREAM");
                return new SpdySynStreamFrame(StreamId(span), StreamId(span[4..]), (byte)(span[8] >> 5), flags, Headers(span[10..]));
            case SpdyControlType.SynReply:
                Require(span, 4, "SYN_REPLY");
                return new SpdySynReplyFrame(StreamId(span), (flags & SpdyFrame.FlagFin) != 0, Headers(span[4..]));
            case SpdyControlType.RstStream:
                Require(span, 8, "RST_STREAM");
                return new SpdyRstStreamFrame(StreamId(span), (SpdyResetStatus)BinaryPrimitives.ReadUInt32BigEndian(span[4..]));
            case SpdyControlType.Settings:
                Require(span, 4, "SETTINGS");
                var count = BinaryPrimitives.ReadUInt32BigEndian(span);
                if ((long)count * 8 != span.Length - 4)
                {
                    throw new SpdyProtocolException("a SPDY SETTINGS frame's length does not match its entry count");
                }

                var settings = new List<SpdySetting>();
                for (var i = 0; i < count; i++)
                {
                    var entry = span.Slice(4 + (i * 8), 8);
                    settings.Add(new SpdySetting(entry[0], BinaryPrimitives.ReadUInt32BigEndian(entry) & 0xffffff, BinaryPrimitives.ReadUInt32BigEndian(entry[4..])));
                }

                return new SpdySettingsFrame(flags, settings);
            case SpdyControlType.Ping:
                Require(span, 4, "PING");
                return new SpdyPingFrame(BinaryPrimitives.ReadUInt32BigEndian(span));
            case SpdyControlType.GoAway:
                Require(span, 8, "GOAWAY");
                return new SpdyGoAwayFrame(StreamId(span), BinaryPrimitives.ReadUInt32BigEndian(span[4..]));
            case SpdyControlType.Headers:
                Require(span, 4, "HEADERS");
                return new SpdyHeadersFrame(StreamId(span), (flags & SpdyFrame.FlagFin) != 0, Headers(span[4..]));
            case SpdyControlType.WindowUpdate:
                Require(span, 8, "WINDOW_UPDATE");
                return new SpdyWindowUpdateFrame(StreamId(span), BinaryPrimitives.ReadUInt32BigEndian(span[4..]) & 0x7fffffff);
            default:
                return new SpdyUnknownControlFrame(type, flags, payload.Length);
        }
    }

    /// <summary>Every header block goes through the inflater, even of frames the server ignores:
    /// the zlib stream spans them all.</summary>
    private SpdyHeaders Headers(ReadOnlySpan<byte> compressed)
    {
        byte[] block;
        try
        {
            block = _headers.Inflate(compressed);
        }
        catch (InvalidDataException e)
        {
            throw new SpdyProtocolException("a SPDY header block is not valid zlib data: " + e.Message);
        }

        return SpdyHeaderBlock.Decode(block);
    }

    private static uint StreamId(ReadOnlySpan<byte> span) => BinaryPrimitives.ReadUInt32BigEndian(span) & 0x7fffffff;

    private static void Require(ReadOnlySpan<byte> payload, int length, string frame)
    {
        if (payload.Length < length)
        {
            throw new SpdyProtocolException($"a SPDY {frame} frame is shorter than {length} bytes");
        }
    }

    private async Task<bool> FillAsync(byte[] buffer, bool allowEnd, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await input.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                if (filled == 0 && allowEnd)
                {
                    return false;
                }

                throw new SpdyProtocolException("the SPDY connection ended inside a frame");
            }

            filled += read;
        }

        return true;
    }
}

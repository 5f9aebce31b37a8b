using System.Buffers.Binary;
using Tke.SimCluster.Streaming.Compression;

namespace Tke.SimCluster.Streaming.Spdy;

/// <summary>Encodes SPDY/3 frames. Header blocks share one zlib stream, so frames must be encoded
/// in the order they are sent.</summary>
public sealed class SpdyFrameWriter
{
    private readonly StoredBlockZlibWriter _headers = new();

    public byte[] Encode(SpdyFrame frame) => frame switch
    {
        SpdyDataFrame data => Data(data),
        SpdySynStreamFrame syn => Control(SpdyControlType.SynStream, syn.Flags, Concat(StreamIds(syn.StreamId, syn.AssociatedToStreamId), [(byte)(syn.Priority << 5), 0], Compress(syn.Headers))),
        SpdySynReplyFrame reply => Control(SpdyControlType.SynReply, Fin(reply.Fin), Concat(Word(reply.StreamId), Compress(reply.Headers))),
        SpdyRstStreamFrame rst => Control(SpdyControlType.RstStream, 0, Concat(Word(rst.StreamId), Word((uint)rst.Status))),
        SpdySettingsFrame settings => Control(SpdyControlType.Settings, settings.Flags, Settings(settings.Settings)),
        SpdyPingFrame ping => Control(SpdyControlType.Ping, 0, Word(ping.Id)),
        SpdyGoAwayFrame goAway => Control(SpdyControlType.GoAway, 0, Concat(Word(goAway.LastGoodStreamId), Word(goAway.Status))),
        SpdyHeadersFrame headers => Control(SpdyControlType.Headers, Fin(headers.Fin), Concat(Word(headers.StreamId), Compress(headers.Headers))),
        SpdyWindowUpdateFrame update => Control(SpdyControlType.WindowUpdate, 0, Concat(Word(update.StreamId), Word(update.DeltaWindowSize))),
        _ => throw new ArgumentException($"cannot encode a {frame.GetType().Name}", nameof(frame)),
    };

    private byte[] Compress(SpdyHeaders headers) => _headers.Compress(SpdyHeaderBlock.Encode(headers));

    private static byte[] Data(SpdyDataFrame frame)
    {
        CheckLength(frame.Data.Length);
        var bytes = new byte[8 + frame.Data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, frame.StreamId & 0x7fffffff);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), (uint)frame.Data.Length | ((uint)Fin(frame.Fin) << 24));
        frame.Data.Span.CopyTo(bytes.AsSpan(8));
        return bytes;
    }

    private static byte[] Control(SpdyControlType type, byte flags, byte[] payload)
    {
        CheckLength(payload.Length);
        var bytes = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, 0x80000000 | ((uint)SpdyFrame.Version << 16) | (ushort)type);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), (uint)payload.Length | ((uint)flags << 24));
        payload.CopyTo(bytes, 8);
        return bytes;
    }

    private static byte[] Settings(IReadOnlyList<SpdySetting> settings)
    {
        var bytes = new byte[4 + (settings.Count * 8)];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)settings.Count);
        for (var i = 0; i < settings.Count; i++)
        {
            var entry = bytes.AsSpan(4 + (i * 8));
            BinaryPrimitives.WriteUInt32BigEndian(entry, (settings[i].Id & 0xffffff) | ((uint)settings[i].Flags << 24));
            BinaryPrimitives.WriteUInt32BigEndian(entry[4..], settings[i].Value);
        }

        return bytes;
    }

    private static byte Fin(bool fin) => fin ? SpdyFrame.FlagFin : (byte)0;

    private static byte[] Word(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] StreamIds(uint streamId, uint associated) => Concat(Word(streamId & 0x7fffffff), Word(associated & 0x7fffffff));

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static void CheckLength(int length)
    {
        if (length > 0xffffff)
        {
            throw new ArgumentException("a SPDY frame carries at most 16 MiB - 1");
        }
    }
}

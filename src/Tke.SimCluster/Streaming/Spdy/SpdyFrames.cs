namespace Tke.SimCluster.Streaming.Spdy;

/// <summary>A SPDY/3 frame (spdy-protocol-draft3, 2.2 and 2.6). Header blocks are kept decoded;
/// <see cref="SpdyFrameReader"/> and <see cref="SpdyFrameWriter"/> do the compression.</summary>
public abstract record SpdyFrame
{
    public const ushort Version = 3;

    /// <summary>FLAG_FIN on data frames and on SYN_STREAM, SYN_REPLY and HEADERS.</summary>
    public const byte FlagFin = 0x01;

    /// <summary>FLAG_UNIDIRECTIONAL on SYN_STREAM.</summary>
    public const byte FlagUnidirectional = 0x02;
}

/// <summary>Control frame types.</summary>
public enum SpdyControlType : ushort
{
    SynStream = 1,
    SynReply = 2,
    RstStream = 3,
    Settings = 4,
    Ping = 6,
    GoAway = 7,
    Headers = 8,
    WindowUpdate = 9,
}

/// <summary>RST_STREAM status codes.</summary>
public enum SpdyResetStatus : uint
{
    ProtocolError = 1,
    InvalidStream = 2,
    RefusedStream = 3,
    UnsupportedVersion = 4,
    Cancel = 5,
    InternalError = 6,
    FlowControlError = 7,
    StreamInUse = 8,
    StreamAlreadyClosed = 9,
}

public sealed record SpdyDataFrame(uint StreamId, bool Fin, ReadOnlyMemory<byte> Data) : SpdyFrame;

public sealed record SpdySynStreamFrame(uint StreamId, uint AssociatedToStreamId, byte Priority, byte Flags, SpdyHeaders Headers) : SpdyFrame
{
    public bool Fin => (Flags & FlagFin) != 0;
}

public sealed record SpdySynReplyFrame(uint StreamId, bool Fin, SpdyHeaders Headers) : SpdyFrame;

public sealed record SpdyRstStreamFrame(uint StreamId, SpdyResetStatus Status) : SpdyFrame;

/// <summary>One SETTINGS entry: flags, 24-bit id, value.</summary>
public sealed record SpdySetting(byte Flags, uint Id, uint Value);

public sealed record SpdySettingsFrame(byte Flags, IReadOnlyList<SpdySetting> Settings) : SpdyFrame;

/// <summary>PING: clients use odd ids, servers even ones; the receiver echoes the other side's.</summary>
public sealed record SpdyPingFrame(uint Id) : SpdyFrame;

public sealed record SpdyGoAwayFrame(uint LastGoodStreamId, uint Status) : SpdyFrame;

public sealed record SpdyHeadersFrame(uint StreamId, bool Fin, SpdyHeaders Headers) : SpdyFrame;

public sealed record SpdyWindowUpdateFrame(uint StreamId, uint DeltaWindowSize) : SpdyFrame;

/// <summary>A control frame of a type SPDY/3 does not define: read past and ignored, as the spec says.</summary>
public sealed record SpdyUnknownControlFrame(ushort Type, byte Flags, int Length) : SpdyFrame;

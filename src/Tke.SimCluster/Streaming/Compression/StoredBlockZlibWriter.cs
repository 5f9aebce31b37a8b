namespace Tke.SimCluster.Streaming.Compression;

/// <summary>
/// Writes one endless zlib stream in flushed pieces, as SPDY wants for the header blocks a peer
/// sends, without compressing: each piece is stored blocks followed by an empty stored block (a
/// sync flush). The zlib header goes in front of the first piece only and names no dictionary;
/// stored blocks never refer to one. The empty block matters: Go's flate reader hands out a
/// stored block's bytes only when it reaches the next block header, and a header block must be
/// readable from its own frame.
/// </summary>
public sealed class StoredBlockZlibWriter
{
    private const int MaxStoredBlock = 0xffff;

    // CMF 0x78 (deflate, 32 KiB window), FLG 0x01: no dictionary, fastest level, check bits valid.
    private static readonly byte[] ZlibHeader = [0x78, 0x01];
    private static readonly byte[] SyncFlush = [0x00, 0x00, 0x00, 0xff, 0xff];

    private bool _headerWritten;

    public byte[] Compress(ReadOnlySpan<byte> data)
    {
        var output = new MemoryStream(data.Length + 16);
        if (!_headerWritten)
        {
            output.Write(ZlibHeader);
            _headerWritten = true;
        }

        while (!data.IsEmpty)
        {
            var length = Math.Min(data.Length, MaxStoredBlock);
            output.WriteByte(0x00); // BFINAL 0, BTYPE 00, padding to the byte boundary
            output.WriteByte((byte)length);
            output.WriteByte((byte)(length >> 8));
            output.WriteByte((byte)~length);
            output.WriteByte((byte)(~length >> 8));
            output.Write(data[..length]);
            data = data[length..];
        }

        output.Write(SyncFlush);
        return output.ToArray();
    }
}

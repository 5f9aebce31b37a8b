using Tke.SimCluster.Streaming.Compression;
using Tke.SimCluster.Streaming.Spdy;

namespace Tke.SimCluster.Tests.Streaming;

public sealed class SpdyFramingTests
{
    [Fact]
    public async Task Every_frame_type_round_trips_through_writer_and_reader()
    {
        var writer = new SpdyFrameWriter();
        var frames = new SpdyFrame[]
        {
            new SpdySynStreamFrame(1, 0, 2, SpdyFrame.FlagFin, new SpdyHeaders().Add("streamtype", "error").Add("port", "80")),
            new SpdySynReplyFrame(1, false, SpdyHeaders.Empty),
            new SpdyDataFrame(1, false, "payload"u8.ToArray()),
            new SpdyDataFrame(3, true, ReadOnlyMemory<byte>.Empty),
            new SpdyRstStreamFrame(5, SpdyResetStatus.Cancel),
            new SpdySettingsFrame(0, [new SpdySetting(1, 7, 65536), new SpdySetting(0, 4, 100)]),
            new SpdyPingFrame(11),
            new SpdyGoAwayFrame(9, 0),
            new SpdyHeadersFrame(7, true, new SpdyHeaders().Add("x-extra", "a\0b")),
            new SpdyWindowUpdateFrame(1, 4096),
        };
        var wire = new MemoryStream(frames.SelectMany(writer.Encode).ToArray());
        var reader = new SpdyFrameReader(wire);

        foreach (var expected in frames)
        {
            var actual = await reader.ReadAsync(CancellationToken.None);
            AssertSameFrame(expected, actual);
        }

        Assert.Null(await reader.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public void Frame_headers_are_laid_out_as_spdy3_says()
    {
        var writer = new SpdyFrameWriter();

        var ping = writer.Encode(new SpdyPingFrame(0x01020304));
        var data = writer.Encode(new SpdyDataFrame(5, true, "ab"u8.ToArray()));

        Assert.Equal(Convert.FromHexString("800300060000000401020304"), ping);
        Assert.Equal(Convert.FromHexString("00000005010000026162"), data);
    }

    [Fact]
    public async Task A_syn_stream_as_a_go_client_compresses_it_is_read()
    {
        // Header block from CPython's zlib against the SPDY dictionary, wrapped as a Go client's
        // SYN_STREAM for stream 1: the error stream of a port-forward.
        var block = Convert.FromHexString("78f9e3c6a7c202253a703a2b294a4dcc851625aca9a0808614cb45a024cc64610024398b209198094adc8c0600000000ffff");
        var frame = new byte[18 + block.Length];
        Convert.FromHexString("80030001").CopyTo(frame, 0);
        frame[5] = (byte)((10 + block.Length) >> 16);
        frame[6] = (byte)((10 + block.Length) >> 8);
        frame[7] = (byte)(10 + block.Length);
        frame[11] = 1;
        block.CopyTo(frame, 18);

        var syn = Assert.IsType<SpdySynStreamFrame>(await new SpdyFrameReader(new MemoryStream(frame)).ReadAsync(CancellationToken.None));

        Assert.Equal(1u, syn.StreamId);
        Assert.Equal("error", syn.Headers.Get("streamtype"));
        Assert.Equal("80", syn.Headers.Get("port"));
        Assert.Equal("0", syn.Headers.Get("requestid"));
    }

    [Fact]
    public async Task The_reply_header_block_is_what_a_go_reader_can_take()
    {
        // Go's flate reader hands out stored bytes only at the next block header: the block must
        // end with the empty stored block of a sync flush, within the same frame.
        var bytes = new SpdyFrameWriter().Encode(new SpdySynReplyFrame(3, false, SpdyHeaders.Empty));

        Assert.Equal(Convert.FromHexString("8003000200000014" + "00000003" + "7801" + "000400fbff" + "00000000" + "000000ffff"), bytes);
        var reply = Assert.IsType<SpdySynReplyFrame>(await new SpdyFrameReader(new MemoryStream(bytes)).ReadAsync(CancellationToken.None));
        Assert.Empty(reply.Headers.Pairs);
    }

    [Fact]
    public async Task Other_spdy_versions_and_truncated_frames_are_protocol_errors()
    {
        await Assert.ThrowsAsync<SpdyProtocolException>(() => new SpdyFrameReader(new MemoryStream(Convert.FromHexString("800200060000000400000001"))).ReadAsync(CancellationToken.None));
        await Assert.ThrowsAsync<SpdyProtocolException>(() => new SpdyFrameReader(new MemoryStream(Convert.FromHexString("800300060000000400"))).ReadAsync(CancellationToken.None));
        await Assert.ThrowsAsync<SpdyProtocolException>(() => new SpdyFrameReader(new MemoryStream(Convert.FromHexString("8003000600000002abcd"))).ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_header_block_that_is_not_zlib_is_a_protocol_error()
    {
        var frame = Convert.FromHexString("8003000200000008" + "00000001" + "deadbeef");

        await Assert.ThrowsAsync<SpdyProtocolException>(() => new SpdyFrameReader(new MemoryStream(frame)).ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Unknown_control_frames_are_read_past()
    {
        var writer = new SpdyFrameWriter();
        var wire = Convert.FromHexString("8003000a00000003abcdef").Concat(writer.Encode(new SpdyPingFrame(1))).ToArray();
        var reader = new SpdyFrameReader(new MemoryStream(wire));

        Assert.IsType<SpdyUnknownControlFrame>(await reader.ReadAsync(CancellationToken.None));
        Assert.Equal(new SpdyPingFrame(1), await reader.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public void Header_blocks_with_bad_lengths_are_refused()
    {
        Assert.Throws<SpdyProtocolException>(() => SpdyHeaderBlock.Decode(Convert.FromHexString("00000001000000ff61")));
        Assert.Throws<SpdyProtocolException>(() => SpdyHeaderBlock.Decode(Convert.FromHexString("0000000000")));
        Assert.Throws<SpdyProtocolException>(() => SpdyHeaderBlock.Decode(Convert.FromHexString("000000010000000000000000")));
    }

    private static void AssertSameFrame(SpdyFrame expected, SpdyFrame? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.GetType(), actual.GetType());
        switch (expected)
        {
            case SpdyDataFrame data:
                var read = (SpdyDataFrame)actual;
                Assert.Equal((data.StreamId, data.Fin), (read.StreamId, read.Fin));
                Assert.Equal(data.Data.ToArray(), read.Data.ToArray());
                break;
            case SpdySynStreamFrame syn:
                var readSyn = (SpdySynStreamFrame)actual;
                Assert.Equal((syn.StreamId, syn.AssociatedToStreamId, syn.Priority, syn.Flags), (readSyn.StreamId, readSyn.AssociatedToStreamId, readSyn.Priority, readSyn.Flags));
                Assert.Equal(syn.Headers.Pairs, readSyn.Headers.Pairs);
                break;
            case SpdySynReplyFrame reply:
                Assert.Equal(reply.Headers.Pairs, ((SpdySynReplyFrame)actual).Headers.Pairs);
                break;
            case SpdyHeadersFrame headers:
                var readHeaders = (SpdyHeadersFrame)actual;
                Assert.Equal((headers.StreamId, headers.Fin), (readHeaders.StreamId, readHeaders.Fin));
                Assert.Equal(headers.Headers.Pairs, readHeaders.Headers.Pairs);
                break;
            case SpdySettingsFrame settings:
                Assert.Equal(settings.Settings, ((SpdySettingsFrame)actual).Settings);
                break;
            default:
                Assert.Equal(expected, actual);
                break;
        }
    }
}

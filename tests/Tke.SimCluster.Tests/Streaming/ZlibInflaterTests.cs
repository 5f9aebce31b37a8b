using System.IO.Compression;
using System.Text;
using Tke.SimCluster.Streaming.Compression;
using Tke.SimCluster.Streaming.Spdy;

namespace Tke.SimCluster.Tests.Streaming;

public sealed class ZlibInflaterTests
{
    // Produced once by CPython's zlib (compressobj(9, zdict=SPDY/3 dictionary), one Z_SYNC_FLUSH
    // per block): three SPDY header blocks as a Go client sends them, the later ones referring to
    // the earlier ones and to the dictionary.
    private static readonly string[] ClientHeaderBlocks =
    [
        "78f9e3c6a7c202253a703a2b294a4dcc851625aca9a0808614cb45a024cc64610024398b209198094adc8c0600000000ffff",
        "c2aa15540a2512d209000000ffff",
        "22ce52160b032c9a0d01000000ffff",
    ];

    // A complete stream with the dictionary, finished (final block and Adler-32 trailer).
    private const string FinishedWithDictionary =
        "78f9e3c6a7c2432b39ad14908db356402e63ac14e01eb5564064102b85ecd224604193a35f66a8676ca4306ae2a889a3268e9a386ae2a889081301cdd54bef";

    private const string FinishedText = "accept-encoding: gzip,deflate; content-type: text/html; user-agent: kubectl/v1.32 ";

    // Fixed Huffman codes (Z_FIXED), no dictionary.
    private const string FixedHuffman =
        "78012bc94855282ccd4cce56482aca2fcf5348cbaf50c82acd2d2856c82f4b2d5228014ae72456552aa4e4a75b8379a38a07996200420aa349";

    private const string FixedText = "the quick brown fox jumps over the lazy dog; ";

    [Fact]
    public void Header_blocks_compressed_against_the_spdy_dictionary_inflate_one_frame_at_a_time()
    {
        var inflater = new ZlibInflater(SpdyHeaderDictionary.Bytes);
        var headers = ClientHeaderBlocks.Select(b => SpdyHeaderBlock.Decode(inflater.Inflate(Convert.FromHexString(b)))).ToList();

        Assert.Equal(["error", "data", "error"], headers.Select(h => h.Get("streamtype")));
        Assert.Equal(["80", "80", "8080"], headers.Select(h => h.Get("port")));
        Assert.Equal(["0", "0", "1"], headers.Select(h => h.Get("requestid")));
        Assert.False(inflater.Finished);
    }

    [Fact]
    public void Input_split_anywhere_gives_the_same_output()
    {
        var whole = Convert.FromHexString(string.Concat(ClientHeaderBlocks));
        var expected = new ZlibInflater(SpdyHeaderDictionary.Bytes).Inflate(whole);

        var inflater = new ZlibInflater(SpdyHeaderDictionary.Bytes);
        var output = new List<byte>();
        foreach (var b in whole)
        {
            output.AddRange(inflater.Inflate([b]));
        }

        Assert.NotEmpty(expected);
        Assert.Equal(expected, output);
    }

    [Fact]
    public void A_finished_stream_checks_its_adler32_and_ends()
    {
        var inflater = new ZlibInflater(SpdyHeaderDictionary.Bytes);

        var text = Encoding.ASCII.GetString(inflater.Inflate(Convert.FromHexString(FinishedWithDictionary)));

        Assert.Equal(string.Concat(Enumerable.Repeat(FinishedText, 20)), text);
        Assert.True(inflater.Finished);
        Assert.Throws<InvalidDataException>(() => inflater.Inflate([0]));
    }

    [Fact]
    public void A_wrong_checksum_is_refused()
    {
        var bytes = Convert.FromHexString(FinishedWithDictionary);
        bytes[^1] ^= 0xff;

        Assert.Throws<InvalidDataException>(() => new ZlibInflater(SpdyHeaderDictionary.Bytes).Inflate(bytes));
    }

    [Fact]
    public void A_stream_naming_a_dictionary_the_reader_lacks_is_refused()
    {
        var e = Assert.Throws<InvalidDataException>(() => new ZlibInflater().Inflate(Convert.FromHexString(ClientHeaderBlocks[0])));
        Assert.Contains("e3c6a7c2", e.Message, StringComparison.Ordinal);

        Assert.Throws<InvalidDataException>(() => new ZlibInflater(Encoding.ASCII.GetBytes("another dictionary")).Inflate(Convert.FromHexString(ClientHeaderBlocks[0])));
    }

    [Fact]
    public void Fixed_huffman_blocks_decode()
    {
        var text = Encoding.ASCII.GetString(new ZlibInflater().Inflate(Convert.FromHexString(FixedHuffman)));

        Assert.Equal(string.Concat(Enumerable.Repeat(FixedText, 10)), text);
    }

    [Theory]
    [InlineData(CompressionLevel.NoCompression)]
    [InlineData(CompressionLevel.Fastest)]
    [InlineData(CompressionLevel.Optimal)]
    [InlineData(CompressionLevel.SmallestSize)]
    public void What_dotnet_zlib_writes_inflates_back(CompressionLevel level)
    {
        // Varied text of 200 KB: dynamic Huffman blocks, distances up to the full 32 KiB window.
        var random = new Random(7);
        var words = new[] { "pod", "container", "namespace", "kubectl", "exec", "stream", "spdy", "frame", "window", "dictionary" };
        var text = new StringBuilder();
        while (text.Length < 200_000)
        {
            text.Append(words[random.Next(words.Length)]).Append(random.Next(1000)).Append(' ');
        }

        var original = Encoding.ASCII.GetBytes(text.ToString());
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, level, leaveOpen: true))
        {
            zlib.Write(original);
        }

        var inflater = new ZlibInflater();
        var output = new List<byte>();
        foreach (var chunk in compressed.ToArray().Chunk(997))
        {
            output.AddRange(inflater.Inflate(chunk));
        }

        Assert.Equal(original, output);
        Assert.True(inflater.Finished);
    }

    [Fact]
    public void Corrupt_input_is_refused_rather_than_guessed()
    {
        Assert.Throws<InvalidDataException>(() => new ZlibInflater().Inflate([0x78, 0x00])); // header check bits wrong
        Assert.Throws<InvalidDataException>(() => new ZlibInflater().Inflate([0x79, 0x9c])); // not deflate
        Assert.Throws<InvalidDataException>(() => new ZlibInflater().Inflate([0x78, 0x01, 0x07])); // block type 3
        Assert.Throws<InvalidDataException>(() => new ZlibInflater().Inflate([0x78, 0x01, 0x00, 0x05, 0x00, 0x00, 0x00])); // stored length vs complement
    }

    [Fact]
    public void The_stored_block_writer_output_inflates_back_and_ends_each_piece_with_a_sync_flush()
    {
        var writer = new StoredBlockZlibWriter();
        var inflater = new ZlibInflater(SpdyHeaderDictionary.Bytes);
        var big = new byte[70_000];
        new Random(3).NextBytes(big);

        var first = writer.Compress("hello"u8);
        var second = writer.Compress(big);

        Assert.Equal([0x78, 0x01], first[..2]);
        Assert.Equal([0x00, 0x00, 0x00, 0xff, 0xff], first[^5..]);
        Assert.Equal([0x00, 0x00, 0x00, 0xff, 0xff], second[^5..]);
        Assert.NotEqual(0x78, second[0]); // the zlib header comes once per stream
        Assert.Equal("hello"u8.ToArray(), inflater.Inflate(first));
        Assert.Equal(big, inflater.Inflate(second));
    }

    [Fact]
    public void The_spdy_dictionary_is_the_one_clients_name()
    {
        Assert.Equal(1423, SpdyHeaderDictionary.Bytes.Length);
        Assert.Equal(SpdyHeaderDictionary.Id, Adler32.Of(SpdyHeaderDictionary.Bytes));
    }
}

using System.Text;
using Tke.SimCluster.Streaming;
using Tke.SimCluster.Streaming.Shell;

namespace Tke.SimCluster.Tests.Streaming;

/// <summary>The write-only streams the connections hand to programs: an output channel and a terminal's output.</summary>
public sealed class OutputStreamTests
{
    [Fact]
    public async Task A_channel_gets_every_non_empty_write_whichever_overload_wrote_it()
    {
        var sent = new List<string>();
        await using var channel = new ChannelOutputStream((data, _) =>
        {
            sent.Add(Encoding.UTF8.GetString(data.Span));
            return Task.CompletedTask;
        });

        await channel.WriteAsync(Encoding.UTF8.GetBytes("one"));
        await channel.WriteAsync(Encoding.UTF8.GetBytes("xtwox"), 1, 3);
        channel.Write(Encoding.UTF8.GetBytes("three"), 0, 5);
        await channel.WriteAsync(ReadOnlyMemory<byte>.Empty);
        await channel.FlushAsync();

        Assert.Equal(["one", "two", "three"], sent);
    }

    [Fact]
    public void An_output_stream_cannot_be_read_or_positioned()
    {
        using var channel = new ChannelOutputStream((_, _) => Task.CompletedTask);

        Assert.Equal((false, true, false), (channel.CanRead, channel.CanWrite, channel.CanSeek));
        Assert.Throws<NotSupportedException>(() => channel.Read(new byte[1], 0, 1));
        Assert.Throws<NotSupportedException>(() => channel.Length);
        Assert.Throws<NotSupportedException>(() => channel.Position);
        Assert.Throws<NotSupportedException>(() => channel.Position = 0);
        Assert.Throws<NotSupportedException>(() => channel.Seek(0, SeekOrigin.Begin));
        Assert.Throws<NotSupportedException>(() => channel.SetLength(0));
    }

    [Fact]
    public async Task A_terminal_turns_each_newline_into_carriage_return_newline()
    {
        var client = new MemoryStream();
        await using var terminal = new TerminalOutputStream(client);

        await terminal.WriteAsync(Encoding.UTF8.GetBytes("a\nb\n"));
        terminal.Write(Encoding.UTF8.GetBytes("c\n"), 0, 2);

        Assert.Equal("a\r\nb\r\nc\r\n", Encoding.UTF8.GetString(client.ToArray()));
        Assert.False(terminal.CanSeek);
    }
}

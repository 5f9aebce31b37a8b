using System.Text;
using Tke.SimCluster.Streaming.Shell;

namespace Tke.SimCluster.Tests.Streaming;

public sealed class TerminalLineReaderTests
{
    [Fact]
    public async Task Without_a_terminal_lines_end_at_newline_and_the_last_needs_none()
    {
        var reader = new TerminalLineReader(Input("one\ntwo"), echo: null);

        Assert.Equal("one", await reader.ReadLineAsync(CancellationToken.None));
        Assert.Equal("two", await reader.ReadLineAsync(CancellationToken.None));
        Assert.Null(await reader.ReadLineAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_terminal_echoes_typing_and_erases_on_backspace()
    {
        var echo = new MemoryStream();
        var reader = new TerminalLineReader(Input("lsx\u007f -l\r"), echo);

        Assert.Equal("ls -l", await reader.ReadLineAsync(CancellationToken.None));
        Assert.Equal("lsx\b \b -l\r\n", Encoding.ASCII.GetString(echo.ToArray()));
    }

    [Fact]
    public async Task Ctrl_c_interrupts_and_ctrl_d_on_an_empty_line_ends_input()
    {
        var reader = new TerminalLineReader(Input("abc\u0003\u0004"), new MemoryStream());

        Assert.Null(await reader.ReadLineAsync(CancellationToken.None));
        Assert.True(reader.Interrupted);
        Assert.Null(await reader.ReadLineAsync(CancellationToken.None));
        Assert.False(reader.Interrupted);
    }

    [Fact]
    public async Task Backspace_removes_a_whole_multibyte_character()
    {
        var reader = new TerminalLineReader(Input("aé\u007fb\r"), new MemoryStream());

        Assert.Equal("ab", await reader.ReadLineAsync(CancellationToken.None));
    }

    private static MemoryStream Input(string text) => new(Encoding.UTF8.GetBytes(text));
}

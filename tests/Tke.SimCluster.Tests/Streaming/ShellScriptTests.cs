using Tke.SimCluster.Streaming.Shell;

namespace Tke.SimCluster.Tests.Streaming;

public sealed class ShellScriptTests
{
    [Fact]
    public void Commands_are_split_at_separators_with_their_connectors()
    {
        var commands = ShellScript.Parse("echo a; true && echo b || echo c\necho d # comment");

        Assert.Equal(
            [ShellConnector.Sequence, ShellConnector.Sequence, ShellConnector.And, ShellConnector.Or, ShellConnector.Sequence],
            commands.Select(c => c.Connector));
        Assert.Equal(["echo", "a"], commands[0].Words.Select(Expand));
        Assert.Equal(["echo", "d"], commands[4].Words.Select(Expand));
    }

    [Fact]
    public void Quotes_and_escapes_make_one_word_and_single_quotes_do_not_expand()
    {
        var words = ShellScript.Parse("printf 'a $X' \"b $X\" c\\ $X \"\" \\$X")[0].Words.Select(Expand).ToList();

        Assert.Equal(["printf", "a $X", "b value", "c value", "", "$X"], words);
    }

    [Fact]
    public void A_line_continuation_joins_lines()
    {
        var commands = ShellScript.Parse("echo a \\\n b");

        Assert.Single(commands);
        Assert.Equal(["echo", "a", "b"], commands[0].Words.Select(Expand));
    }

    [Theory]
    [InlineData("a | b")]
    [InlineData("a > file")]
    [InlineData("a &")]
    [InlineData("echo `date`")]
    [InlineData("echo \"$(date)\"")]
    [InlineData("echo 'x")]
    [InlineData("echo \"x")]
    [InlineData("; echo")]
    [InlineData("echo a &&")]
    public void Syntax_it_does_not_have_is_a_format_error(string script)
    {
        Assert.Throws<FormatException>(() => ShellScript.Parse(script));
    }

    private static string Expand(ShellWord word) => word.Expand(name => name == "X" ? "value" : "");
}

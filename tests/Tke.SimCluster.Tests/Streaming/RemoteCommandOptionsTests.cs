using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;
using Tke.SimCluster.Streaming.RemoteCommand;

namespace Tke.SimCluster.Tests.Streaming;

public sealed class RemoteCommandOptionsTests
{
    [Fact]
    public void Exec_options_come_from_repeated_command_and_flags()
    {
        var options = RemoteCommandOptions.Parse(QueryString("?command=sh&command=-c&command=echo+hi&container=web&stdin=true&stdout=1&stderr=true"), exec: true);

        Assert.Equal(["sh", "-c", "echo hi"], options.Command);
        Assert.Equal("web", options.Container);
        Assert.True(options.Stdin && options.Stdout && options.Stderr);
        Assert.False(options.Tty);
    }

    [Fact]
    public void A_terminal_has_no_separate_stderr()
    {
        var options = RemoteCommandOptions.Parse(QueryString("?command=sh&stdin=true&stdout=true&stderr=true&tty=true"), exec: true);

        Assert.True(options.Tty);
        Assert.False(options.Stderr);
    }

    [Theory]
    [InlineData("?stdout=true", true, "you must specify at least 1 command")]
    [InlineData("?command=ls", true, "you must specify at least 1 of stdin, stdout, stderr")]
    [InlineData("?command=ls&stderr=true&tty=true", true, "you must specify at least 1 of stdin, stdout, stderr")]
    [InlineData("?command=ls&stdout=maybe", true, "invalid value \"maybe\" for query parameter stdout: must be true or false")]
    [InlineData("?stdin=false", false, "you must specify at least 1 of stdin, stdout, stderr")]
    public void What_the_api_server_refuses_is_a_400(string query, bool exec, string message)
    {
        var e = Assert.Throws<StatusError>(() => RemoteCommandOptions.Parse(QueryString(query), exec));

        Assert.Equal(400, e.Code);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Attach_needs_no_command()
    {
        var options = RemoteCommandOptions.Parse(QueryString("?stdout=true"), exec: false);

        Assert.Empty(options.Command);
    }

    private static IQueryCollection QueryString(string query) => new DefaultHttpContext { Request = { QueryString = new QueryString(query) } }.Request.Query;
}

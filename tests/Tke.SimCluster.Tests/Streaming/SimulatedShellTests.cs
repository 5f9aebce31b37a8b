using System.IO.Pipelines;
using System.Text;
using Tke.SimCluster.Streaming.Shell;

namespace Tke.SimCluster.Tests.Streaming;

public sealed class SimulatedShellTests
{
    private readonly SimulatedShell _shell = new(SimulatedPods.WebContainer(), TimeProvider.System);

    [Theory]
    [InlineData(new[] { "echo", "hi", "there" }, "hi there\n")]
    [InlineData(new[] { "/bin/echo", "-n", "x" }, "x")]
    [InlineData(new[] { "hostname" }, "web-1\n")]
    [InlineData(new[] { "pwd" }, "/\n")]
    [InlineData(new[] { "id" }, "uid=0(root) gid=0(root) groups=0(root)\n")]
    [InlineData(new[] { "cat", "/etc/hostname" }, "web-1\n")]
    [InlineData(new[] { "printenv", "GREETING" }, "hello world\n")]
    [InlineData(new[] { "ls", "/etc" }, "hostname\nhosts\npasswd\n")]
    [InlineData(new[] { "sh", "-c", "echo a; echo b" }, "a\nb\n")]
    [InlineData(new[] { "bash", "-c", "true && echo yes || echo no" }, "yes\n")]
    [InlineData(new[] { "sh", "-c", "false && echo yes || echo no" }, "no\n")]
    [InlineData(new[] { "sh", "-c", "false; echo $?" }, "1\n")]
    [InlineData(new[] { "sh", "-c", "echo \"$GREETING\" '$GREETING' ${POD_NAME}" }, "hello world $GREETING web-1\n")]
    [InlineData(new[] { "sh", "-c", "echo \"a\\\"b\" c\\ d" }, "a\"b c d\n")]
    public async Task Commands_print_what_follows_from_the_pod(string[] argv, string expected)
    {
        var (code, stdout, stderr) = await RunAsync(argv);

        Assert.Equal((0, expected, ""), (code, stdout, stderr));
    }

    [Fact]
    public async Task Env_lists_the_spec_variables_with_path_and_hostname()
    {
        var (_, stdout, _) = await RunAsync(["env"]);

        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("HOSTNAME=web-1", lines);
        Assert.Contains("GREETING=hello world", lines);
        Assert.Contains("POD_NAME=web-1", lines);
        Assert.StartsWith("PATH=", lines[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "false" }, 1)]
    [InlineData(new[] { "exit", "3" }, 3)]
    [InlineData(new[] { "sh", "-c", "exit 300" }, 44)]
    [InlineData(new[] { "sh", "-c", "echo before; exit 5; echo after" }, 5)]
    [InlineData(new[] { "sh", "-c", "false || exit 7" }, 7)]
    [InlineData(new[] { "true" }, 0)]
    public async Task Exit_codes_are_those_of_a_shell(string[] argv, int expected)
    {
        var (code, stdout, _) = await RunAsync(argv);

        Assert.Equal(expected, code);
        Assert.DoesNotContain("after", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_exits_127_saying_it_is_not_found()
    {
        var (code, stdout, stderr) = await RunAsync(["nosuchcmd", "--flag"]);

        Assert.Equal(127, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("sh: nosuchcmd: not found", stderr, StringComparison.Ordinal);
        Assert.Contains("simulated", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "sh", "-c", "ls | wc -l" }, "'|' is not supported")]
    [InlineData(new[] { "sh", "-c", "echo $(date)" }, "command substitution is not supported")]
    [InlineData(new[] { "sh", "-c", "echo 'open" }, "unterminated quoted string")]
    [InlineData(new[] { "sh", "-c", "&& echo" }, "syntax error")]
    [InlineData(new[] { "sh", "/script.sh" }, "can't open '/script.sh'")]
    [InlineData(new[] { "sh", "-c" }, "-c: option requires an argument")]
    public async Task Shell_syntax_it_does_not_have_is_refused_with_exit_2(string[] argv, string message)
    {
        var (code, stdout, stderr) = await RunAsync(argv);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "cat", "/nope" }, 1, "cat: can't open '/nope': No such file or directory")]
    [InlineData(new[] { "ls", "/nope" }, 2, "ls: cannot access '/nope': No such file or directory")]
    [InlineData(new[] { "sleep", "soon" }, 1, "sleep: invalid number 'soon'")]
    [InlineData(new[] { "sleep" }, 1, "sleep: missing operand")]
    [InlineData(new[] { "exit", "many" }, 2, "exit: Illegal number: many")]
    public async Task Bad_arguments_fail_like_the_real_programs(string[] argv, int expectedCode, string message)
    {
        var (code, _, stderr) = await RunAsync(argv);

        Assert.Equal(expectedCode, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cat_copies_stdin_to_stdout_until_it_ends()
    {
        var (code, stdout, _) = await RunAsync(["cat"], "line one\nline two\n");

        Assert.Equal((0, "line one\nline two\n"), (code, stdout));
    }

    [Fact]
    public async Task Sh_without_a_script_runs_the_lines_of_stdin()
    {
        var (code, stdout, _) = await RunAsync(["sh"], "echo first\nhostname\nexit 4\necho never\n");

        Assert.Equal((4, "first\nweb-1\n"), (code, stdout));
    }

    [Fact]
    public async Task On_a_terminal_input_is_echoed_and_output_lines_end_in_crlf()
    {
        var (code, stdout, _) = await RunAsync(["sh"], "echo hi\rexit\r", tty: true);

        Assert.Equal(0, code);
        Assert.Contains("no process runs in a simulated cluster", stdout, StringComparison.Ordinal);
        Assert.Contains("/ # echo hi\r\nhi\r\n/ # exit\r\n", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sleep_ends_early_when_the_client_leaves()
    {
        using var cancel = new CancellationTokenSource();
        var io = new ShellIo(null, new MemoryStream(), new MemoryStream(), tty: false);
        var sleeping = _shell.RunAsync(["sleep", "3600"], io, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sleeping);
    }

    [Theory]
    [InlineData("2", 2)]
    [InlineData("0.5", 0.5)]
    [InlineData("1m", 60)]
    [InlineData("2h", 7200)]
    public void Sleep_durations_take_coreutils_suffixes(string text, double seconds)
    {
        Assert.True(SimulatedPrograms.TryParseDuration(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Fact]
    public async Task Attach_echoes_stdin_after_saying_what_it_is()
    {
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var io = new ShellIo(new MemoryStream("hello\n"u8.ToArray()), stdout, stderr, tty: false);

        var code = await new AttachedMainProcess(SimulatedPods.WebContainer()).RunAsync(io, hasStdin: true, CancellationToken.None);

        Assert.Equal(0, code);
        Assert.Equal("hello\n", Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Contains("simulated main process of container web", Encoding.UTF8.GetString(stderr.ToArray()), StringComparison.Ordinal);
    }

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(string[] argv, string? stdin = null, bool tty = false)
    {
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        Stream? input = null;
        if (stdin is not null)
        {
            var pipe = new Pipe();
            await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(stdin));
            await pipe.Writer.CompleteAsync();
            input = pipe.Reader.AsStream();
        }

        var code = await _shell.RunAsync(argv, new ShellIo(input, stdout, stderr, tty), CancellationToken.None);
        return (code, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }
}

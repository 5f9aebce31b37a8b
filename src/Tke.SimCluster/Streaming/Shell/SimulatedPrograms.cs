using System.Globalization;
using System.Text;
using Tke.SimCluster.Streaming.Pods;

namespace Tke.SimCluster.Streaming.Shell;

/// <summary>
/// The programs a simulated container has, answering from what the pod says (its name, env,
/// image) rather than from a running process: echo, cat, hostname, env, printenv, pwd, true,
/// false, sleep, date, ls, id, whoami, uname.
/// </summary>
public sealed class SimulatedPrograms(SimulatedContainer container, TimeProvider clock)
{
    public static IReadOnlyList<string> Names { get; } =
        ["cat", "date", "echo", "env", "false", "hostname", "id", "ls", "printenv", "pwd", "sh", "sleep", "true", "uname", "whoami"];

    private readonly SimulatedFileSystem _files = new(container);

    public static bool Exists(string name) => Names.Contains(name);

    /// <summary>Runs a program; its exit code, 127 when there is no such program.</summary>
    public async Task<int> RunAsync(string name, IReadOnlyList<string> args, ShellIo io, CancellationToken cancellationToken)
    {
        switch (name)
        {
            case "echo":
                var noNewline = args.Count > 0 && args[0] == "-n";
                var words = noNewline ? args.Skip(1) : args;
                await io.OutAsync(string.Join(' ', words) + (noNewline ? "" : "\n"), cancellationToken);
                return 0;
            case "cat":
                return await CatAsync(args, io, cancellationToken);
            case "hostname":
                await io.OutAsync(container.PodName + "\n", cancellationToken);
                return 0;
            case "env":
                await io.OutAsync(string.Concat(container.Environment.Select(e => $"{e.Key}={e.Value}\n")), cancellationToken);
                return 0;
            case "printenv":
                return await PrintEnvAsync(args, io, cancellationToken);
            case "pwd":
                await io.OutAsync("/\n", cancellationToken);
                return 0;
            case "true":
                return 0;
            case "false":
                return 1;
            case "sleep":
                return await SleepAsync(args, io, cancellationToken);
            case "date":
                var now = clock.GetUtcNow();
                await io.OutAsync(string.Create(CultureInfo.InvariantCulture, $"{now:ddd MMM} {now.Day,2} {now:HH:mm:ss} UTC {now:yyyy}\n"), cancellationToken);
                return 0;
            case "ls":
                return await ListAsync(args, io, cancellationToken);
            case "id":
                await io.OutAsync("uid=0(root) gid=0(root) groups=0(root)\n", cancellationToken);
                return 0;
            case "whoami":
                await io.OutAsync("root\n", cancellationToken);
                return 0;
            case "uname":
                await io.OutAsync(args.Contains("-a") ? $"Linux {container.PodName} 6.1.0-simulated #1 SMP x86_64 GNU/Linux\n" : "Linux\n", cancellationToken);
                return 0;
            default:
                await io.ErrAsync($"sh: {name}: not found (a simulated container has only: {string.Join(", ", Names)}, exit and help)\n", cancellationToken);
                return 127;
        }
    }

    /// <summary>Copies stdin (or "-") and the simulated files named to stdout. On a terminal input
    /// comes line by line, echoed, as with a real TTY.</summary>
    private async Task<int> CatAsync(IReadOnlyList<string> args, ShellIo io, CancellationToken cancellationToken)
    {
        var status = 0;
        foreach (var path in args.Count == 0 ? ["-"] : args)
        {
            if (path == "-")
            {
                if (!await CopyInputAsync(io, cancellationToken))
                {
                    return 130;
                }

                continue;
            }

            if (_files.Read(path) is { } contents)
            {
                await io.OutAsync(contents, cancellationToken);
            }
            else
            {
                await io.ErrAsync(_files.IsDirectory(path) ? $"cat: read error: Is a directory\n" : $"cat: can't open '{path}': No such file or directory\n", cancellationToken);
                status = 1;
            }
        }

        return status;
    }

    /// <summary>Input to output until the input ends; false when a terminal's Ctrl-C interrupted it.</summary>
    public static async Task<bool> CopyInputAsync(ShellIo io, CancellationToken cancellationToken)
    {
        if (!io.Tty)
        {
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await io.Stdin.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await io.Stdout.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                await io.Stdout.FlushAsync(cancellationToken);
            }

            return true;
        }

        var lines = new TerminalLineReader(io.Stdin, io.Echo);
        while (await lines.ReadLineAsync(cancellationToken) is { } line)
        {
            await io.OutAsync(line + "\n", cancellationToken);
        }

        return !lines.Interrupted;
    }

    private async Task<int> PrintEnvAsync(IReadOnlyList<string> args, ShellIo io, CancellationToken cancellationToken)
    {
        if (args.Count == 0)
        {
            return await RunAsync("env", [], io, cancellationToken);
        }

        var status = 0;
        foreach (var name in args)
        {
            var match = container.Environment.LastOrDefault(e => e.Key == name);
            if (match.Key is null)
            {
                status = 1;
                continue;
            }

            await io.OutAsync(match.Value + "\n", cancellationToken);
        }

        return status;
    }

    private async Task<int> SleepAsync(IReadOnlyList<string> args, ShellIo io, CancellationToken cancellationToken)
    {
        if (args.Count == 0)
        {
            await io.ErrAsync("sleep: missing operand\n", cancellationToken);
            return 1;
        }

        var total = TimeSpan.Zero;
        foreach (var arg in args)
        {
            if (!TryParseDuration(arg, out var duration))
            {
                await io.ErrAsync($"sleep: invalid number '{arg}'\n", cancellationToken);
                return 1;
            }

            total += duration;
        }

        await Task.Delay(total, clock, cancellationToken);
        return 0;
    }

    /// <summary>A number of seconds with an optional s, m, h or d suffix, as coreutils' sleep takes.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var unit = text.Length > 0 && text[^1] is 's' or 'm' or 'h' or 'd' ? text[^1] : 's';
        var number = unit == text.LastOrDefault() ? text[..^1] : text;
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value > 1e7)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(value * unit switch { 'm' => 60, 'h' => 3600, 'd' => 86400, _ => 1 });
        return true;
    }

    private async Task<int> ListAsync(IReadOnlyList<string> args, ShellIo io, CancellationToken cancellationToken)
    {
        var paths = args.Where(a => !a.StartsWith('-')).ToList();
        var status = 0;
        var output = new StringBuilder();
        foreach (var path in paths.Count == 0 ? ["/"] : paths)
        {
            if (_files.List(path) is { } entries)
            {
                if (paths.Count > 1)
                {
                    output.Append(path).Append(":\n");
                }

                foreach (var entry in entries)
                {
                    output.Append(entry).Append('\n');
                }
            }
            else if (_files.Read(path) is not null)
            {
                output.Append(path).Append('\n');
            }
            else
            {
                await io.ErrAsync($"ls: cannot access '{path}': No such file or directory\n", cancellationToken);
                status = 2;
            }
        }

        await io.OutAsync(output.ToString(), cancellationToken);
        return status;
    }
}

using System.Globalization;
using Tke.SimCluster.Streaming.Pods;

namespace Tke.SimCluster.Streaming.Shell;

/// <summary>
/// What `kubectl exec` runs in a simulated container: not a process but a small interpreter. A
/// command is one of <see cref="SimulatedPrograms"/>, `exit N`, `help`, or `sh`/`bash`, which
/// run a script (`-c`) of simple commands joined by ";", "&amp;&amp;" and "||", or read commands
/// from stdin (with a prompt on a terminal). Unknown commands exit 127 as in a real shell.
/// </summary>
public sealed class SimulatedShell(SimulatedContainer container, TimeProvider clock)
{
    private static readonly string[] Shells = ["sh", "bash", "ash", "dash"];

    private readonly SimulatedPrograms _programs = new(container, clock);

    public string Banner =>
        $"simulated shell in container {container.Name} of pod {container.Namespace}/{container.PodName}: no process runs in a simulated cluster; type 'help' for its commands\n";

    /// <summary>Runs a command given as argv (kubectl exec's command); returns its exit code.</summary>
    public async Task<int> RunAsync(IReadOnlyList<string> argv, ShellIo io, CancellationToken cancellationToken)
    {
        var name = ProgramName(argv[0]);
        var args = argv.Skip(1).ToList();
        if (Shells.Contains(name))
        {
            return await RunShellAsync(name, args, io, cancellationToken);
        }

        var outcome = await RunCommandAsync(name, args, io, 0, cancellationToken);
        return outcome.Status;
    }

    private async Task<int> RunShellAsync(string shell, List<string> args, ShellIo io, CancellationToken cancellationToken)
    {
        var options = args.TakeWhile(a => a.StartsWith('-')).ToList();
        if (options.Contains("-c"))
        {
            var script = args.Skip(options.Count).FirstOrDefault();
            if (script is null)
            {
                await io.ErrAsync($"{shell}: -c: option requires an argument\n", cancellationToken);
                return 2;
            }

            return (await RunScriptAsync(script, io, 0, cancellationToken)).Status;
        }

        if (args.Count > options.Count)
        {
            await io.ErrAsync($"{shell}: can't open '{args[options.Count]}': No such file or directory (the simulated shell runs -c scripts and commands from stdin)\n", cancellationToken);
            return 2;
        }

        return await RunInteractiveAsync(io, cancellationToken);
    }

    /// <summary>Commands from stdin, one line at a time, until `exit` or the end of input.</summary>
    private async Task<int> RunInteractiveAsync(ShellIo io, CancellationToken cancellationToken)
    {
        var lines = new TerminalLineReader(io.Stdin, io.Tty ? io.Echo : null);
        if (io.Tty)
        {
            await io.OutAsync(Banner, cancellationToken);
        }

        var status = 0;
        while (true)
        {
            if (io.Tty)
            {
                await io.OutAsync("/ # ", cancellationToken);
            }

            var line = await lines.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                if (lines.Interrupted)
                {
                    status = 130;
                    continue;
                }

                return status;
            }

            var outcome = await RunScriptAsync(line, io, status, cancellationToken);
            status = outcome.Status;
            if (outcome.Exited)
            {
                return status;
            }
        }
    }

    private async Task<Outcome> RunScriptAsync(string script, ShellIo io, int lastStatus, CancellationToken cancellationToken)
    {
        IReadOnlyList<ShellCommand> commands;
        try
        {
            commands = ShellScript.Parse(script);
        }
        catch (FormatException e)
        {
            await io.ErrAsync($"sh: {e.Message}\n", cancellationToken);
            return new Outcome(2, false);
        }

        var status = lastStatus;
        foreach (var command in commands)
        {
            if ((command.Connector == ShellConnector.And && status != 0) || (command.Connector == ShellConnector.Or && status == 0))
            {
                continue;
            }

            var last = status;
            var words = command.Words.Select(w => w.Expand(v => Variable(v, last))).ToList();
            var name = ProgramName(words[0]);
            var outcome = Shells.Contains(name)
                ? new Outcome(await RunShellAsync(name, words.Skip(1).ToList(), io, cancellationToken), false)
                : await RunCommandAsync(name, words.Skip(1).ToList(), io, status, cancellationToken);
            status = outcome.Status;
            if (outcome.Exited)
            {
                return outcome;
            }
        }

        return new Outcome(status, false);
    }

    private async Task<Outcome> RunCommandAsync(string name, List<string> args, ShellIo io, int lastStatus, CancellationToken cancellationToken)
    {
        switch (name)
        {
            case "exit":
                if (args.Count == 0)
                {
                    return new Outcome(lastStatus, true);
                }

                if (!int.TryParse(args[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code))
                {
                    await io.ErrAsync($"sh: exit: Illegal number: {args[0]}\n", cancellationToken);
                    return new Outcome(2, true);
                }

                return new Outcome(code & 0xff, true);
            case "help":
                await io.OutAsync(Banner + $"commands: {string.Join(", ", SimulatedPrograms.Names)}, bash, exit [N], help; join them with ;, && and ||\n", cancellationToken);
                return new Outcome(0, false);
            default:
                return new Outcome(await _programs.RunAsync(name, args, io, cancellationToken), false);
        }
    }

    private string Variable(string name, int lastStatus) =>
        name == "?" ? lastStatus.ToString(CultureInfo.InvariantCulture) : container.Environment.LastOrDefault(e => e.Key == name).Value ?? "";

    /// <summary>"/bin/echo" runs echo.</summary>
    private static string ProgramName(string path) => path.Contains('/') ? path[(path.LastIndexOf('/') + 1)..] : path;

    private readonly record struct Outcome(int Status, bool Exited);
}

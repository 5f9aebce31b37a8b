using System.Text;

namespace Tke.SimCluster.Streaming.Shell;

/// <summary>The standard streams of a simulated command. <see cref="Stdin"/> is empty when the
/// client sends none; with a terminal, output goes through the terminal's newline translation
/// and <see cref="Echo"/> is where typed input is echoed.</summary>
public sealed class ShellIo
{
    public ShellIo(Stream? stdin, Stream? stdout, Stream? stderr, bool tty)
    {
        Tty = tty;
        Stdin = stdin ?? Stream.Null;
        Echo = stdout ?? Stream.Null;
        Stdout = tty && stdout is not null ? new TerminalOutputStream(stdout) : stdout ?? Stream.Null;

        // On a terminal a process's stderr is the terminal too.
        Stderr = tty ? Stdout : stderr ?? Stream.Null;
    }

    public bool Tty { get; }

    public Stream Stdin { get; }

    public Stream Stdout { get; }

    public Stream Stderr { get; }

    /// <summary>The terminal's raw output, for echoing input and control sequences.</summary>
    public Stream Echo { get; }

    public Task OutAsync(string text, CancellationToken cancellationToken) => WriteAsync(Stdout, text, cancellationToken);

    public Task ErrAsync(string text, CancellationToken cancellationToken) => WriteAsync(Stderr, text, cancellationToken);

    private static async Task WriteAsync(Stream stream, string text, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }
}

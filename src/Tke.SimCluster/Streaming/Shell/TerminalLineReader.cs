using System.Text;

namespace Tke.SimCluster.Streaming.Shell;

/// <summary>
/// Reads input a line at a time. With a terminal it plays the line discipline a real TTY would:
/// typed characters are echoed, Enter (CR) ends the line, backspace erases, Ctrl-C interrupts and
/// Ctrl-D on an empty line is the end of input. Without one, lines end at "\n".
/// </summary>
public sealed class TerminalLineReader(Stream input, Stream? echo)
{
    private const byte CtrlC = 0x03;
    private const byte CtrlD = 0x04;
    private const byte Backspace = 0x08;
    private const byte Delete = 0x7f;

    private readonly byte[] _buffer = new byte[4096];
    private int _start;
    private int _end;
    private bool _ended;

    /// <summary>Set when the last <see cref="ReadLineAsync"/> returned null because of Ctrl-C.</summary>
    public bool Interrupted { get; private set; }

    /// <summary>The next line without its terminator, or null at the end of input (or on Ctrl-C).</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        Interrupted = false;
        var line = new List<byte>();
        while (true)
        {
            if (_start == _end)
            {
                if (_ended)
                {
                    return line.Count > 0 && echo is null ? Decode(line) : null;
                }

                _start = 0;
                _end = await input.ReadAsync(_buffer, cancellationToken);
                if (_end == 0)
                {
                    _ended = true;
                    continue;
                }
            }

            var b = _buffer[_start++];
            if (echo is null)
            {
                if (b == (byte)'\n')
                {
                    return Decode(line);
                }

                line.Add(b);
                continue;
            }

            switch (b)
            {
                case (byte)'\r' or (byte)'\n':
                    await EchoAsync("\r\n", cancellationToken);
                    return Decode(line);
                case CtrlC:
                    await EchoAsync("^C\r\n", cancellationToken);
                    Interrupted = true;
                    return null;
                case CtrlD when line.Count == 0:
                    return null;
                case CtrlD:
                    break;
                case Backspace or Delete:
                    if (line.Count > 0)
                    {
                        // Drop a whole UTF-8 character: its continuation bytes, then its first byte.
                        while (line.Count > 1 && (line[^1] & 0xc0) == 0x80)
                        {
                            line.RemoveAt(line.Count - 1);
                        }

                        line.RemoveAt(line.Count - 1);
                        await EchoAsync("\b \b", cancellationToken);
                    }

                    break;
                default:
                    line.Add(b);
                    await echo.WriteAsync(new[] { b }, cancellationToken);
                    await echo.FlushAsync(cancellationToken);
                    break;
            }
        }
    }

    private async Task EchoAsync(string text, CancellationToken cancellationToken)
    {
        await echo!.WriteAsync(Encoding.ASCII.GetBytes(text), cancellationToken);
        await echo.FlushAsync(cancellationToken);
    }

    private static string Decode(List<byte> line) => Encoding.UTF8.GetString(line.ToArray());
}

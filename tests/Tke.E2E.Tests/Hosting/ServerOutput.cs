using System.Text;

namespace Tke.E2E.Tests.Hosting;

/// <summary>Everything a server process wrote to stdout and stderr, kept for failure messages.</summary>
public sealed class ServerOutput
{
    private const int TailChars = 6000;
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();

    public void Append(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _text.Append('[').Append(stream).Append("] ").Append(line).Append('\n');
        }
    }

    public string All()
    {
        lock (_lock)
        {
            return _text.ToString();
        }
    }

    /// <summary>The end of the output: where the error of a failing test usually is.</summary>
    public string Tail()
    {
        var all = All();
        return all.Length <= TailChars ? all : "..." + all[^TailChars..];
    }
}

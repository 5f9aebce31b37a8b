namespace Tke.SimCluster.Streaming.Shell;

/// <summary>A terminal's output translation (onlcr): every "\n" a program writes reaches the
/// client as "\r\n".</summary>
public sealed class TerminalOutputStream(Stream inner) : WriteOnlyStream
{
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var translated = new List<byte>(buffer.Length + 8);
        foreach (var b in buffer.Span)
        {
            if (b == (byte)'\n')
            {
                translated.Add((byte)'\r');
            }

            translated.Add(b);
        }

        await inner.WriteAsync(translated.ToArray(), cancellationToken);
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
}

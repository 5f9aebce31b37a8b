namespace Tke.SimCluster.Streaming;

/// <summary>A write-only stream whose writes go to a delegate: one output channel of a connection.</summary>
public sealed class ChannelOutputStream(Func<ReadOnlyMemory<byte>, CancellationToken, Task> write) : WriteOnlyStream
{
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!buffer.IsEmpty)
        {
            await write(buffer, cancellationToken);
        }
    }
}

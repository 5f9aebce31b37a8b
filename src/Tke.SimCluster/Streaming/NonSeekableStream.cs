namespace Tke.SimCluster.Streaming;

/// <summary>
/// A stream over a connection, a channel or a pipe: it has no length or position and cannot
/// seek. Flushing does nothing unless a subclass has a buffer further down to flush.
/// </summary>
public abstract class NonSeekableStream : Stream
{
    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

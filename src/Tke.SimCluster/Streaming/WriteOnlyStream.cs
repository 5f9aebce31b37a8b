namespace Tke.SimCluster.Streaming;

/// <summary>
/// A stream that only takes writes (an output channel, a terminal's output): every write ends
/// in <see cref="WriteAsync(ReadOnlyMemory{byte}, CancellationToken)"/>, reading is not supported.
/// </summary>
public abstract class WriteOnlyStream : NonSeekableStream
{
    public override bool CanRead => false;

    public override bool CanWrite => true;

    public abstract override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

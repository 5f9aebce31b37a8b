using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Tke.Registry.Storage;

/// <summary>
/// The digest of a file's first bytes, streamed in large blocks: an upload whose digest turned out
/// to use another algorithm than its running hash. The file is read past the page cache where
/// possible, as uploads are written, and the next block is read while the current one is hashed.
/// </summary>
internal static class FileDigest
{
    private const int BlockSize = 1 << 20;

    /// <exception cref="IOException">The file is shorter than <paramref name="length"/>.</exception>
    public static async Task<Digest> ComputeAsync(string path, long length, DigestAlgorithm algorithm, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(Digest.HashNameOf(algorithm));
        using var file = DirectFile.TryOpenForRead(path)
            ?? File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.SequentialScan);
        var current = AlignedBuffer.Rent(BlockSize);
        var next = AlignedBuffer.Rent(BlockSize);
        Task<int>? pending = length > 0 ? ReadAsync(file, current, 0, cancellationToken) : null;
        try
        {
            long position = 0;
            while (pending is not null)
            {
                var read = await pending;
                pending = null;
                if (read == 0)
                {
                    throw new IOException($"upload file {path} ended at {position} of {length} bytes");
                }

                var take = (int)Math.Min(read, length - position);
                if (position + take < length)
                {
                    pending = ReadAsync(file, next, position + read, cancellationToken);
                }

                hash.AppendData(current.Memory.Span[..take]);
                position += take;
                (current, next) = (next, current);
            }
        }
        finally
        {
            // A read still in flight after a failure: wait for it before its buffer goes back.
            if (pending is not null)
            {
                try
                {
                    await pending;
                }
                catch (Exception e) when (e is IOException or OperationCanceledException)
                {
                }
            }

            current.Return();
            next.Return();
        }

        Span<byte> result = stackalloc byte[Digest.HashSizeOf(algorithm)];
        hash.GetCurrentHash(result);
        return Digest.FromHash(algorithm, result);
    }

    // Fills the buffer from an aligned position unless the file ends first; a direct read cannot
    // continue from the unaligned position a short read leaves.
    private static Task<int> ReadAsync(SafeFileHandle file, AlignedBuffer buffer, long position, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                var span = buffer.Memory.Span;
                var filled = 0;
                int read;
                while (filled < span.Length && (read = RandomAccess.Read(file, span[filled..], position + filled)) > 0)
                {
                    filled += read;
                    if (filled % DirectFile.Alignment != 0)
                    {
                        break;
                    }
                }

                return filled;
            },
            cancellationToken);
}

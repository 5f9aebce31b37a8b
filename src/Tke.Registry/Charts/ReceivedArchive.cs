using System.Buffers;
using System.Security.Cryptography;

namespace Tke.Registry.Charts;

/// <summary>
/// A chart archive being received into a temporary file next to its final place (same file
/// system, so the commit is a rename), hashed while written. Disposing it removes the
/// temporary file unless it was committed: an upload that fails leaves nothing behind.
/// </summary>
public sealed class ReceivedArchive : IAsyncDisposable
{
    private const int BufferSize = 128 * 1024;

    private ReceivedArchive(string path, string digest, long size)
    {
        TempPath = path;
        Digest = digest;
        Size = size;
    }

    public string TempPath { get; }

    /// <summary>sha256 of the bytes, lower-case hex (index.yaml's digest).</summary>
    public string Digest { get; }

    public long Size { get; }

    internal bool Committed { get; set; }

    /// <summary>Copies <paramref name="source"/> to a temporary file in <paramref name="directory"/>;
    /// more than <paramref name="maxBytes"/> bytes is a <see cref="ChartTooLargeException"/>.</summary>
    public static async Task<ReceivedArchive> ReceiveAsync(Stream source, string directory, long maxBytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $".upload-{Guid.NewGuid():N}.tmp");
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                int n;
                while ((n = await source.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                {
                    size += n;
                    if (size > maxBytes)
                    {
                        throw new ChartTooLargeException(maxBytes);
                    }

                    hash.AppendData(buffer, 0, n);
                    await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                }

                // One fsync before the file can be renamed into place.
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            return new ReceivedArchive(path, Convert.ToHexStringLower(hash.GetHashAndReset()), size);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!Committed)
        {
            File.Delete(TempPath);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>An archive over the size limit (413).</summary>
public sealed class ChartTooLargeException(long limit) : Exception($"chart archive is larger than {limit} bytes");

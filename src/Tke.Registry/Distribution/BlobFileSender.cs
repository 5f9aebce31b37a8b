using Microsoft.AspNetCore.Http;
using Microsoft.Win32.SafeHandles;
using Tke.Registry.Storage;

namespace Tke.Registry.Distribution;

/// <summary>
/// Streams a byte range of a blob file to the response in large chunks, with several reads in
/// flight while the current chunk is encrypted and sent. Over TLS the kernel cannot send a file
/// by itself, and large blobs are read past the page cache (as they were written): filling the
/// page cache cost more CPU than the encryption, on a machine whose two cores also serve the TLS.
/// Small blobs (configs, small layers) are read through the page cache, where they stay hot.
/// </summary>
public static class BlobFileSender
{
    private const int ChunkSize = 1 << 20;
    private const int ReadsAhead = 4;
    private const long DirectReadThreshold = 8L << 20;

    /// <exception cref="FileNotFoundException">The blob is gone (collected meanwhile).</exception>
    public static async Task SendAsync(HttpResponse response, string path, long offset, long count, CancellationToken cancellationToken)
    {
        var end = offset + count;
        using var file = (count >= DirectReadThreshold ? DirectFile.TryOpenForRead(path) : null)
            ?? File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.SequentialScan);

        // Chunks start at aligned positions, as direct reads require; the range is cut out of them.
        var nextChunk = offset - (offset % DirectFile.Alignment);
        var reads = new Queue<(long Start, AlignedBuffer Buffer, Task<int> Read)>(ReadsAhead);
        void StartRead()
        {
            var buffer = AlignedBuffer.Rent(ChunkSize);
            reads.Enqueue((nextChunk, buffer, ReadAsync(file, buffer, nextChunk, cancellationToken)));
            nextChunk += ChunkSize;
        }

        try
        {
            while (reads.Count < ReadsAhead && nextChunk < end)
            {
                StartRead();
            }

            while (reads.TryDequeue(out var chunk))
            {
                int read;
                try
                {
                    read = await chunk.Read;
                    var from = Math.Max(offset, chunk.Start);
                    var to = Math.Min(end, chunk.Start + ChunkSize);
                    if (chunk.Start + read < to)
                    {
                        // The file is shorter than its recorded size: never answer with fewer bytes than promised.
                        throw new IOException($"blob file {path} ended at {chunk.Start + read} of {end} bytes");
                    }

                    if (nextChunk < end)
                    {
                        StartRead();
                    }

                    await response.Body.WriteAsync(chunk.Buffer.Memory[(int)(from - chunk.Start)..(int)(to - chunk.Start)], cancellationToken);
                }
                finally
                {
                    chunk.Buffer.Return();
                }
            }
        }
        finally
        {
            // Reads still in flight after a failure: wait for them before their buffers go back.
            while (reads.TryDequeue(out var pending))
            {
                try
                {
                    await pending.Read;
                }
                catch (Exception e) when (e is IOException or OperationCanceledException)
                {
                }

                pending.Buffer.Return();
            }
        }
    }

    // Fills the buffer from the aligned position unless the file ends first; on a worker thread, so reads overlap.
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
                        break; // end of file: a direct read cannot continue from an unaligned position
                    }
                }

                return filled;
            },
            cancellationToken);
}

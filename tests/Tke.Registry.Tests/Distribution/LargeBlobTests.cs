using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;

namespace Tke.Registry.Tests.Distribution;

/// <summary>Measures the process's memory, so it runs alone: other test classes allocating in
/// parallel would be counted as the registry's growth.</summary>
[Collection(MemoryMeasurementCollection.Name)]
public sealed class LargeBlobTests : RegistryServerTest
{
    private const long BlobSize = 100L * 1024 * 1024;

    [Fact]
    public async Task HundredMebibyteBlobStreamsWithoutGrowingMemory()
    {
        var digest = await DigestOfGeneratedAsync();
        // Warm up both paths so one-time allocations (JIT, pools) are not counted.
        await OciPush.BlobAsync(Alice, "library/big", new byte[1024 * 1024]);
        var before = Snapshot();

        using (var push = await Alice.PostAsync($"/v2/library/big/blobs/uploads/?digest={digest}", new StreamContent(new GeneratedStream(BlobSize), 64 * 1024)))
        {
            Assert.Equal(HttpStatusCode.Created, push.StatusCode);
        }

        var afterPush = Snapshot();
        using (var pull = await Alice.GetAsync($"/v2/library/big/blobs/{digest}", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(BlobSize, pull.Content.Headers.ContentLength);
            await using var body = await pull.Content.ReadAsStreamAsync();
            using var sha = SHA256.Create();
            Assert.Equal(digest, "sha256:" + Convert.ToHexStringLower(await sha.ComputeHashAsync(body)));
        }

        var afterPull = Snapshot();
        const long limit = 24L * 1024 * 1024;
        Assert.True(afterPush.Managed - before.Managed < limit, $"managed heap grew {afterPush.Managed - before.Managed} bytes during the push");
        Assert.True(afterPull.Managed - before.Managed < limit, $"managed heap grew {afterPull.Managed - before.Managed} bytes after the pull");
        Assert.True(afterPull.WorkingSet - before.WorkingSet < BlobSize / 2, $"working set grew {afterPull.WorkingSet - before.WorkingSet} bytes");
    }

    private static async Task<string> DigestOfGeneratedAsync()
    {
        using var sha = SHA256.Create();
        await using var stream = new GeneratedStream(BlobSize);
        return "sha256:" + Convert.ToHexStringLower(await sha.ComputeHashAsync(stream));
    }

    private static (long Managed, long WorkingSet) Snapshot()
    {
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return (managed, process.WorkingSet64);
    }

    /// <summary>Deterministic pseudo-random bytes of a given length, produced on the fly.</summary>
    private sealed class GeneratedStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - _position);
            for (var i = 0; i < n; i++)
            {
                var p = _position + i;
                buffer[i] = (byte)((p * 2654435761L) >> 13);
            }

            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    public const string Name = "memory measurements, run alone";
}

using System.Security.Cryptography;
using Tke.Registry.Storage;

namespace Tke.Registry.Tests.Storage;

/// <summary>
/// Uploads write whole aligned blocks past the page cache and partial blocks through it; chunks
/// of any size, in any order of sizes, must still produce exactly the bytes sent.
/// </summary>
public sealed class UploadAlignmentTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tke-upload-align-").FullName;

    [Theory]
    [InlineData(new[] { 1000, 5000, (1 << 20) + 3, 4096, 7 })]
    [InlineData(new[] { 4096, 4096, 1 })]
    [InlineData(new[] { 1, 4095, 3 << 20, 4097 })]
    [InlineData(new[] { (2 << 20) + 4095 })]
    public async Task Chunks_of_any_size_land_byte_for_byte_and_hash_to_their_digest(int[] chunkSizes)
    {
        var uploads = new UploadStore(_root);
        var session = uploads.Start(new RepositoryKey("default", "library/aligned"));
        var sent = new MemoryStream();
        foreach (var size in chunkSizes)
        {
            var chunk = RandomNumberGenerator.GetBytes(size);
            sent.Write(chunk);
            // A stream that hands out odd-sized reads, as a network body does.
            await uploads.AppendAsync(session, new TricklingStream(chunk, 3001), CancellationToken.None);
            Assert.Equal(sent.Length, session.Size);
        }

        var expected = Digest.FromHash(SHA256.HashData(sent.ToArray()));
        var verified = uploads.Finish(session, expected);

        Assert.NotNull(verified);
        Assert.Equal(sent.ToArray(), await File.ReadAllBytesAsync(verified));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; cleanup must not fail a test run.
        }
    }

    private sealed class TricklingStream(byte[] data, int largestRead) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, largestRead)], cancellationToken);
    }
}

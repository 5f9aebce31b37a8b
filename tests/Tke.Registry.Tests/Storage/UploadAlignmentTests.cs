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

    public static TheoryData<int[], DigestAlgorithm> ChunkSizes()
    {
        var data = new TheoryData<int[], DigestAlgorithm>();
        foreach (var algorithm in Digest.Algorithms)
        {
            // With sha512 the running sha256 does not apply: the file is read back at the end.
            data.Add([1000, 5000, (1 << 20) + 3, 4096, 7], algorithm);
            data.Add([4096, 4096, 1], algorithm);
            data.Add([1, 4095, 3 << 20, 4097], algorithm);
            data.Add([(2 << 20) + 4095], algorithm);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public async Task Chunks_of_any_size_land_byte_for_byte_and_hash_to_their_digest(int[] chunkSizes, DigestAlgorithm algorithm)
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

        var expected = Digest.Compute(algorithm, sent.ToArray());
        var verified = await uploads.FinishAsync(session, expected, CancellationToken.None);

        Assert.NotNull(verified);
        Assert.Equal(sent.ToArray(), await File.ReadAllBytesAsync(verified));
    }

    [Fact]
    public async Task Sha512_finish_hashes_only_the_acknowledged_bytes_and_keeps_only_them()
    {
        var uploads = new UploadStore(_root);
        var session = uploads.Start(new RepositoryKey("default", "library/aligned"));
        var sent = RandomNumberGenerator.GetBytes((1 << 20) + 4096 + 11);
        await uploads.AppendAsync(session, new MemoryStream(sent), CancellationToken.None);
        // What a write that failed midway leaves: bytes past the acknowledged size.
        await File.AppendAllTextAsync(DataFile(session), "not acknowledged");

        var verified = await uploads.FinishAsync(session, Digest.Compute(DigestAlgorithm.Sha512, sent), CancellationToken.None);

        Assert.NotNull(verified);
        Assert.Equal(sent, await File.ReadAllBytesAsync(verified));
    }

    [Fact]
    public async Task Sha512_mismatch_discards_the_upload()
    {
        var uploads = new UploadStore(_root);
        var repository = new RepositoryKey("default", "library/aligned");
        var session = uploads.Start(repository);
        await uploads.AppendAsync(session, new MemoryStream("the real bytes"u8.ToArray()), CancellationToken.None);

        var verified = await uploads.FinishAsync(session, Digest.Compute(DigestAlgorithm.Sha512, "other bytes"u8), CancellationToken.None);

        Assert.Null(verified);
        Assert.Null(uploads.Find(repository, session.Id));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_root, "uploads")));
    }

    [Fact]
    public async Task Cancelled_sha512_finish_leaves_the_upload_to_finish_later()
    {
        var uploads = new UploadStore(_root);
        var repository = new RepositoryKey("default", "library/aligned");
        var session = uploads.Start(repository);
        var sent = RandomNumberGenerator.GetBytes(3 << 20);
        await uploads.AppendAsync(session, new MemoryStream(sent), CancellationToken.None);
        var expected = Digest.Compute(DigestAlgorithm.Sha512, sent);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => uploads.FinishAsync(session, expected, new CancellationToken(canceled: true)).AsTask());

        Assert.Same(session, uploads.Find(repository, session.Id));
        var verified = await uploads.FinishAsync(session, expected, CancellationToken.None);
        Assert.Equal(sent, await File.ReadAllBytesAsync(verified!));
    }

    [Theory]
    [InlineData(DigestAlgorithm.Sha256)]
    [InlineData(DigestAlgorithm.Sha512)]
    public async Task Upload_hashed_with_its_digest_algorithm_is_not_read_back(DigestAlgorithm algorithm)
    {
        var uploads = new UploadStore(_root);
        var session = uploads.Start(new RepositoryKey("default", "library/aligned"), algorithm);
        var sent = RandomNumberGenerator.GetBytes(5000);
        await uploads.AppendAsync(session, new MemoryStream(sent), CancellationToken.None);
        // Were the bytes read back and hashed again, they would no longer match the acknowledged ones.
        await File.WriteAllBytesAsync(DataFile(session), new byte[sent.Length]);

        var verified = await uploads.FinishAsync(session, Digest.Compute(algorithm, sent), CancellationToken.None);

        Assert.NotNull(verified);
    }

    private string DataFile(UploadSession session) => Path.Combine(_root, "uploads", session.Id.ToString("D"), "data");

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

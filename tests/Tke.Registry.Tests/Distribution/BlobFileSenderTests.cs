using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Tke.Registry.Distribution;

namespace Tke.Registry.Tests.Distribution;

/// <summary>Large blobs are read past the page cache in aligned chunks; any byte range of them
/// must come out exactly, and a file shorter than promised must fail rather than end early.</summary>
public sealed class BlobFileSenderTests : IDisposable
{
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("tke-blob-send-").FullName, "blob");
    private readonly byte[] _content = RandomNumberGenerator.GetBytes((9 << 20) + 1234);

    public BlobFileSenderTests() => File.WriteAllBytes(_path, _content);

    [Theory]
    [InlineData(0, (9 << 20) + 1234)]
    [InlineData(1, (9 << 20) + 1233)]
    [InlineData(4095, 8 << 20)]
    [InlineData(5_000_001, 4_000_000)]
    [InlineData(0, 10)]
    [InlineData((9 << 20) + 1233, 1)]
    public async Task Any_range_of_a_large_blob_is_sent_exactly(long offset, long count)
    {
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;

        await BlobFileSender.SendAsync(context.Response, _path, offset, count, CancellationToken.None);

        Assert.Equal(_content.AsSpan((int)offset, (int)count).ToArray(), body.ToArray());
    }

    [Fact]
    public async Task A_file_shorter_than_its_recorded_size_fails_instead_of_ending_early()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await Assert.ThrowsAsync<IOException>(() => BlobFileSender.SendAsync(context.Response, _path, 0, _content.Length + 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_file_is_FileNotFound()
    {
        var context = new DefaultHttpContext();
        await Assert.ThrowsAsync<FileNotFoundException>(() => BlobFileSender.SendAsync(context.Response, _path + ".gone", 0, 9 << 20, CancellationToken.None));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; cleanup must not fail a test run.
        }
    }
}

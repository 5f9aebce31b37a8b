using System.Security.Cryptography;

namespace Tke.Benchmarks;

/// <summary>A file of pseudo-random (incompressible) bytes and its sha256 digest, written once and
/// pushed to each registry from the page cache so the client's disk is not what is measured.</summary>
public sealed class RegistryBlobFile : IDisposable
{
    private RegistryBlobFile(string path, long size, string digest)
    {
        Path = path;
        Size = size;
        Digest = digest;
    }

    public string Path { get; }

    public long Size { get; }

    public string Digest { get; }

    public static async Task<RegistryBlobFile> CreateAsync(string directory, long size, CancellationToken cancellationToken, string fileName = "blob.bin")
    {
        var path = System.IO.Path.Combine(directory, fileName);
        var buffer = new byte[4 << 20];
        var random = new Random(fileName.GetHashCode(StringComparison.Ordinal));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous))
        {
            for (long written = 0; written < size; written += buffer.Length)
            {
                var chunk = (int)Math.Min(buffer.Length, size - written);
                random.NextBytes(buffer.AsSpan(0, chunk));
                hash.AppendData(buffer, 0, chunk);
                await file.WriteAsync(buffer.AsMemory(0, chunk), cancellationToken);
            }
        }

        return new RegistryBlobFile(path, size, "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    public void Dispose() => File.Delete(Path);
}

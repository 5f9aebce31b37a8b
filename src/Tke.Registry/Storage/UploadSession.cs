using System.Security.Cryptography;

namespace Tke.Registry.Storage;

/// <summary>
/// One blob upload in progress: a data file under <c>uploads/&lt;uuid&gt;</c> and the running hash
/// of the bytes received so far: SHA-256, unless the upload began with a digest of another algorithm.
/// The hasher lives only in memory; after a restart the session is rebuilt by rehashing its file
/// (<see cref="UploadStore"/>).
/// </summary>
public sealed class UploadSession : IDisposable
{
    private readonly IncrementalHash _hash;

    internal UploadSession(Guid id, RepositoryKey repository, string directory, DigestAlgorithm algorithm, IncrementalHash hash, long size)
    {
        Algorithm = algorithm;
        Id = id;
        Repository = repository;
        Directory = directory;
        _hash = hash;
        Size = size;
        LastActivityUtc = DateTime.UtcNow;
    }

    public Guid Id { get; }

    public RepositoryKey Repository { get; }

    /// <summary>The algorithm of the running hash.</summary>
    public DigestAlgorithm Algorithm { get; }

    /// <summary>Bytes received and hashed; the data file may be longer after a failed write, never shorter.</summary>
    public long Size { get; private set; }

    public DateTime LastActivityUtc { get; private set; }

    internal string Directory { get; }

    internal string DataPath => Path.Combine(Directory, UploadStore.DataFileName);

    /// <summary>Serialises requests on one session (two PATCHes must not interleave).</summary>
    internal SemaphoreSlim Gate { get; } = new(1, 1);

    internal bool Closed { get; set; }

    internal void Appended(ReadOnlySpan<byte> bytes)
    {
        _hash.AppendData(bytes);
        Size += bytes.Length;
        LastActivityUtc = DateTime.UtcNow;
    }

    internal Digest CurrentDigest()
    {
        Span<byte> hash = stackalloc byte[Digest.HashSizeOf(Algorithm)];
        _hash.GetCurrentHash(hash);
        return Digest.FromHash(Algorithm, hash);
    }

    /// <summary>Releases the hasher; the gate stays usable because its holder releases it afterwards.</summary>
    public void Dispose() => _hash.Dispose();
}

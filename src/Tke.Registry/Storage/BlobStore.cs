namespace Tke.Registry.Storage;

/// <summary>
/// Content-addressed blob files at <c>blobs/&lt;algorithm&gt;/ab/abcdef...</c> (sha256 or sha512),
/// shared by every repository and tenant. A file appears here only by <see cref="Place"/>, after its bytes were verified
/// and synced, so a reader never sees a partial blob.
/// </summary>
public sealed class BlobStore
{
    private readonly string _root;

    public BlobStore(string root)
    {
        _root = Path.Combine(root, "blobs");
        foreach (var algorithm in Digest.Algorithms)
        {
            Directory.CreateDirectory(Path.Combine(_root, Digest.NameOf(algorithm)));
        }
    }

    public string PathOf(Digest digest) => Path.Combine(_root, digest.AlgorithmName, digest.Hex[..2], digest.Hex);

    /// <summary>The blob's size, or null when it is not stored.</summary>
    public long? SizeOf(Digest digest)
    {
        var info = new FileInfo(PathOf(digest));
        return info.Exists ? info.Length : null;
    }

    /// <summary>
    /// Moves a verified, synced file into place. When the blob already exists the new copy is
    /// dropped and the existing file's time refreshed, so the garbage collector's grace period
    /// protects it as a fresh upload.
    /// </summary>
    public void Place(string verifiedFile, Digest digest)
    {
        var target = PathOf(digest);
        if (File.Exists(target))
        {
            File.Delete(verifiedFile);
            File.SetLastWriteTimeUtc(target, DateTime.UtcNow);
            return;
        }

        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        File.Move(verifiedFile, target, overwrite: true);
        File.SetLastWriteTimeUtc(target, DateTime.UtcNow);
        DirectorySync.Flush(directory);
    }

    /// <summary>Every stored blob with its last write time (for garbage collection).</summary>
    public IEnumerable<(Digest Digest, DateTime LastWriteUtc)> Enumerate()
    {
        foreach (var algorithm in Digest.Algorithms)
        {
            // A file whose name is not a digest of its folder's algorithm is not a blob (never placed by this store).
            foreach (var file in new DirectoryInfo(Path.Combine(_root, Digest.NameOf(algorithm))).EnumerateFiles("*", SearchOption.AllDirectories))
            {
                if (Digest.TryParse(Digest.Prefix(algorithm) + file.Name, out var digest))
                {
                    yield return (digest.Value, file.LastWriteTimeUtc);
                }
            }
        }
    }

    public bool Delete(Digest digest)
    {
        var path = PathOf(digest);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }
}

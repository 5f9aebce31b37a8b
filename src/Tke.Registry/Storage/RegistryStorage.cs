namespace Tke.Registry.Storage;

/// <summary>
/// The registry's storage under one root directory (the platform passes <c>&lt;data-dir&gt;/registry</c>):
/// blob files, uploads in progress and the metadata database, and the operations that span them.
/// </summary>
public sealed class RegistryStorage : IDisposable
{
    public RegistryStorage(string root)
    {
        Root = root;
        Blobs = new BlobStore(root);
        Uploads = new UploadStore(root);
        Metadata = new RegistryMetadata(root);
    }

    public string Root { get; }

    public BlobStore Blobs { get; }

    public UploadStore Uploads { get; }

    public RegistryMetadata Metadata { get; }

    /// <summary>The size of a blob the repository may read, or null (not linked, or its file is gone).</summary>
    public long? StatBlob(RepositoryKey repository, Digest digest) =>
        Metadata.IsBlobLinked(repository, digest) ? Blobs.SizeOf(digest) : null;

    /// <summary>Places a verified upload as a blob and links it to the repository.</summary>
    public Task CommitBlobAsync(RepositoryKey repository, string verifiedFile, Digest digest, long size) =>
        Metadata.LinkBlobAsync(repository, digest, size, () => Blobs.Place(verifiedFile, digest));

    /// <summary>Links a blob that <paramref name="from"/> may read to <paramref name="to"/>; false when
    /// <paramref name="from"/> does not have it.</summary>
    public async Task<bool> MountAsync(RepositoryKey from, RepositoryKey to, Digest digest)
    {
        var size = StatBlob(from, digest);
        if (size is null)
        {
            return false;
        }

        // Refresh the file's time so a collection running now treats it as freshly uploaded.
        await Metadata.LinkBlobAsync(to, digest, size.Value, () => File.SetLastWriteTimeUtc(Blobs.PathOf(digest), DateTime.UtcNow));
        return Blobs.SizeOf(digest) is not null;
    }

    public void Dispose() => Metadata.Dispose();
}

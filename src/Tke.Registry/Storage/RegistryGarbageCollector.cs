namespace Tke.Registry.Storage;

/// <summary>What one collection did.</summary>
public sealed record GarbageCollectionResult(int BlobsDeleted, long BytesFreed, int UploadsRemoved);

/// <summary>
/// Online garbage collection: deletes blobs that no manifest of any repository (in any tenant)
/// references and whose file is older than the grace period, so a blob uploaded for a manifest
/// not yet PUT survives. The final check and the deletion run on the metadata writer, which
/// also runs every manifest PUT and blob placement, so a push never sees its blob vanish between
/// validation and commit. Uploads idle for longer than the upload timeout are removed too.
/// </summary>
public sealed class RegistryGarbageCollector(RegistryStorage storage, TimeSpan gracePeriod, TimeSpan uploadTimeout)
{
    private const int BatchSize = 256;

    public async Task<GarbageCollectionResult> CollectAsync(CancellationToken cancellationToken = default)
    {
        var uploadsRemoved = storage.Uploads.CleanAbandoned(uploadTimeout);
        var cutoff = DateTime.UtcNow - gracePeriod;
        var candidates = storage.Blobs.Enumerate().Where(b => b.LastWriteUtc < cutoff).Select(b => b.Digest).ToList();
        var deleted = 0;
        long freed = 0;

        // Small batches keep pushes from waiting long behind a collection.
        foreach (var batch in candidates.Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (count, bytes) = await storage.Metadata.RunExclusiveAsync(connection =>
            {
                var count = 0;
                long bytes = 0;
                foreach (var digest in batch)
                {
                    var file = new FileInfo(storage.Blobs.PathOf(digest));
                    if (!file.Exists || file.LastWriteTimeUtc >= cutoff || storage.Metadata.IsReferenced(connection, digest))
                    {
                        continue;
                    }

                    RegistryMetadata.UnlinkEverywhere(connection, digest);
                    bytes += file.Length;
                    file.Delete();
                    count++;
                }

                return (count, bytes);
            });
            deleted += count;
            freed += bytes;
        }

        return new GarbageCollectionResult(deleted, freed, uploadsRemoved);
    }
}

using Microsoft.Extensions.Logging;
using Tke.Registry.Storage;

namespace Tke.Registry.Charts;

/// <summary>
/// The stored charts of one chart group: the archives in its directory are the truth, read once
/// (on first use) and then kept in memory. Every change happens under the group's lock, which
/// also covers the Chart objects' update, and publishes a new snapshot with a freshly rendered
/// index.yaml; readers take the current snapshot without locking, so concurrent uploads never
/// lose an entry and a reader never sees a half-written index.
/// </summary>
public sealed class ChartGroupIndex(string directory, ChartRepositoryOptions options, TimeProvider clock, ILogger logger)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<string, SortedList<SemanticVersion, ChartEntry>> _entries = new(StringComparer.Ordinal);
    private volatile ChartIndexSnapshot? _snapshot;

    public string Directory { get; } = directory;

    public async ValueTask<ChartIndexSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        if (_snapshot is { } current)
        {
            return current;
        }

        await using (await LockAsync(cancellationToken))
        {
            return _snapshot!;
        }
    }

    /// <summary>Takes the group's lock (loading the directory on first use); changes need it held.</summary>
    public async ValueTask<IAsyncDisposable> LockAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is null)
            {
                await LoadAsync(cancellationToken);
            }
        }
        catch
        {
            _lock.Release();
            throw;
        }

        return new Release(_lock);
    }

    public ChartEntry? Find(string name, string version) => _snapshot?.Find(name, version);

    /// <summary>Moves a checked archive into place and indexes it. Caller holds the lock.</summary>
    public ChartEntry Commit(ReceivedArchive archive, ChartMetadata metadata)
    {
        var final = Path.Combine(Directory, metadata.FileName);
        var created = clock.GetUtcNow();
        File.Move(archive.TempPath, final, overwrite: true);
        archive.Committed = true;
        File.SetLastWriteTimeUtc(final, created.UtcDateTime);
        DirectorySync.Flush(Directory);
        var entry = new ChartEntry(metadata, archive.Digest, archive.Size, created);
        Put(entry);
        Publish();
        return entry;
    }

    /// <summary>Where the provenance file of <paramref name="archiveFile"/> is (or would be) stored.</summary>
    public string ProvenancePath(string archiveFile) => Path.Combine(Directory, archiveFile + ProvenanceFile.Extension);

    /// <summary>Stores a provenance file beside its archive, replacing any earlier one: written to a
    /// temporary file and renamed, so readers see the old file or the new one. Caller holds the lock.</summary>
    public async Task WriteProvenanceAsync(ProvenanceFile provenance, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var temp = Path.Combine(Directory, $".upload-{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                await file.WriteAsync(provenance.Content, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, ProvenancePath(provenance.ArchiveFile), overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        DirectorySync.Flush(Directory);
    }

    /// <summary>Deletes the provenance file of <paramref name="archiveFile"/>, if there is one. Caller holds the lock.</summary>
    public void RemoveProvenance(string archiveFile)
    {
        var path = ProvenancePath(archiveFile);
        if (File.Exists(path))
        {
            File.Delete(path);
            DirectorySync.Flush(Directory);
        }
    }

    /// <summary>Deletes a version's archive, its provenance file and its entry; false if it is not stored. Caller holds the lock.</summary>
    public bool Remove(string name, string version)
    {
        if (!_entries.TryGetValue(name, out var versions) || !SemanticVersion.TryParse(version, out var v) || !versions.Remove(v))
        {
            return false;
        }

        if (versions.Count == 0)
        {
            _entries.Remove(name);
        }

        var archiveFile = ChartMetadata.FileNameOf(name, version);
        File.Delete(Path.Combine(Directory, archiveFile));
        File.Delete(ProvenancePath(archiveFile));
        DirectorySync.Flush(Directory);
        Publish();
        return true;
    }

    private void Put(ChartEntry entry)
    {
        if (!_entries.TryGetValue(entry.Name, out var versions))
        {
            _entries[entry.Name] = versions = new SortedList<SemanticVersion, ChartEntry>(VersionOrder.Instance);
        }

        versions[entry.Metadata.Version] = entry;
    }

    private void Publish()
    {
        var entries = new SortedDictionary<string, IReadOnlyList<ChartEntry>>(StringComparer.Ordinal);
        foreach (var (name, versions) in _entries)
        {
            entries[name] = versions.Values.Reverse().ToArray();
        }

        _snapshot = new ChartIndexSnapshot(entries, clock.GetUtcNow());
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (System.IO.Directory.Exists(Directory))
        {
            foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*.tgz"))
            {
                try
                {
                    var metadata = await ChartArchiveInspector.InspectAsync(path, options, cancellationToken);
                    if (metadata.FileName != Path.GetFileName(path))
                    {
                        logger.LogWarning("chart archive {Path} is named differently from its chart {File}; not indexed", path, metadata.FileName);
                        continue;
                    }

                    await using var file = File.OpenRead(path);
                    var digest = Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(file, cancellationToken));
                    Put(new ChartEntry(metadata, digest, file.Length, File.GetLastWriteTimeUtc(path)));
                }
                catch (ChartArchiveException e)
                {
                    logger.LogWarning("stored chart archive {Path} is not valid and is not indexed: {Reason}", path, e.Message);
                }
            }
        }

        Publish();
    }

    /// <summary>SemVer precedence; versions equal in precedence but written differently (build metadata) stay apart.</summary>
    private sealed class VersionOrder : IComparer<SemanticVersion>
    {
        public static readonly VersionOrder Instance = new();

        public int Compare(SemanticVersion? x, SemanticVersion? y)
        {
            var c = x!.CompareTo(y);
            return c != 0 ? c : string.CompareOrdinal(x.Text, y!.Text);
        }
    }

    private sealed class Release(SemaphoreSlim semaphore) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}

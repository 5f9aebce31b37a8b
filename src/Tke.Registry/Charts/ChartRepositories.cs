using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Tke.Registry.Apis.ChartGroups;

namespace Tke.Registry.Charts;

/// <summary>
/// All chart repositories: stores checked archives and their provenance files under
/// &lt;root&gt;/&lt;tenant&gt;/&lt;chart group&gt;/, keeps each group's index, and mirrors every
/// change into the Chart and ChartGroup objects.
/// </summary>
public sealed class ChartRepositories(ChartRepositoryOptions options, ChartObjects objects, TimeProvider clock, ILogger logger)
{
    private readonly ConcurrentDictionary<string, ChartGroupIndex> _indexes = new(StringComparer.Ordinal);

    public ChartRepositoryOptions Options => options;

    public ChartObjects Objects => objects;

    public ValueTask<ChartGroup?> FindGroupAsync(string tenant, string name, CancellationToken cancellationToken) =>
        objects.FindGroupAsync(tenant, name, cancellationToken);

    public ChartGroupIndex IndexOf(ChartGroup group)
    {
        var directory = DirectoryOf(group);
        return _indexes.GetOrAdd(directory, d => new ChartGroupIndex(d, options, clock, logger));
    }

    /// <summary>Receives an archive into the group's directory (not yet visible).</summary>
    public Task<ReceivedArchive> ReceiveAsync(ChartGroup group, Stream body, CancellationToken cancellationToken) =>
        ReceivedArchive.ReceiveAsync(body, DirectoryOf(group), options.MaxArchiveBytes, cancellationToken);

    /// <summary>
    /// Checks a received archive and, if it is a valid chart, stores it and indexes it.
    /// An existing version is replaced only with <paramref name="force"/>
    /// (<see cref="ChartExistsException"/> otherwise); <paramref name="expected"/>, when given,
    /// is the name and version the archive must declare. A <paramref name="provenance"/> uploaded
    /// with it must sign this very archive and is stored beside it; an earlier provenance file
    /// of the version goes when the archive's bytes change, since it no longer verifies.
    /// </summary>
    public async Task<ChartEntry> StoreAsync(ChartGroup group, ReceivedArchive archive, bool force, (string Name, string Version)? expected, ProvenanceFile? provenance, CancellationToken cancellationToken)
    {
        var metadata = await ChartArchiveInspector.InspectAsync(archive.TempPath, options, cancellationToken);
        if (expected is { } e && (metadata.Name != e.Name || metadata.Version.Text != e.Version))
        {
            throw new ChartArchiveException($"Chart.yaml declares {metadata.Name} {metadata.Version}, not {e.Name} {e.Version}");
        }

        if (provenance is not null)
        {
            CheckSigns(provenance, metadata.FileName, archive.Digest);
        }

        var index = IndexOf(group);
        ChartEntry entry;
        int count;
        await using (await index.LockAsync(cancellationToken))
        {
            var previous = index.Find(metadata.Name, metadata.Version.Text);
            if (!force && previous is not null)
            {
                throw new ChartExistsException(metadata.FileName);
            }

            entry = index.Commit(archive, metadata);
            if (provenance is not null)
            {
                await index.WriteProvenanceAsync(provenance, cancellationToken);
            }
            else if (previous is null || previous.Digest != entry.Digest)
            {
                index.RemoveProvenance(entry.FileName);
            }

            count = (await index.SnapshotAsync(cancellationToken)).ChartCount;
            await objects.RecordVersionAsync(group, entry, cancellationToken);
            await objects.SetChartCountAsync(group, count, cancellationToken);
        }

        return entry;
    }

    /// <summary>
    /// Stores the provenance file of a version the group already holds
    /// (<see cref="ChartVersionNotFoundException"/> otherwise). An existing provenance file is
    /// replaced only with <paramref name="force"/> (<see cref="ChartExistsException"/> otherwise).
    /// </summary>
    public async Task StoreProvenanceAsync(ChartGroup group, ProvenanceFile provenance, bool force, CancellationToken cancellationToken)
    {
        var index = IndexOf(group);
        await using (await index.LockAsync(cancellationToken))
        {
            var entry = index.Find(provenance.ChartName, provenance.ChartVersion)
                ?? throw new ChartVersionNotFoundException(provenance.ChartName, provenance.ChartVersion);
            CheckSigns(provenance, entry.FileName, entry.Digest);
            if (!force && File.Exists(index.ProvenancePath(entry.FileName)))
            {
                throw new ChartExistsException(provenance.FileName);
            }

            await index.WriteProvenanceAsync(provenance, cancellationToken);
        }
    }

    /// <summary>The stored provenance file of a version the group holds, or null.</summary>
    public async ValueTask<string?> ProvenancePathAsync(ChartGroup group, string archiveFile, CancellationToken cancellationToken)
    {
        var index = IndexOf(group);
        var snapshot = await index.SnapshotAsync(cancellationToken);
        var path = index.ProvenancePath(archiveFile);
        return snapshot.FindFile(archiveFile) is not null && File.Exists(path) ? path : null;
    }

    /// <summary>A provenance file is only kept for the archive whose sha256 it signs: another one would fail `helm pull --verify`.</summary>
    private static void CheckSigns(ProvenanceFile provenance, string archiveFile, string archiveDigest)
    {
        if (provenance.ArchiveFile != archiveFile)
        {
            throw new ProvenanceFileException($"it signs {provenance.ArchiveFile}, not {archiveFile}");
        }

        if (provenance.ArchiveDigest != archiveDigest)
        {
            throw new ProvenanceFileException($"the sha256 it signs for {archiveFile} is not that of the chart archive");
        }
    }

    /// <summary>Deletes one version; false if the group does not hold it.</summary>
    public async Task<bool> DeleteAsync(ChartGroup group, string name, string version, CancellationToken cancellationToken)
    {
        var index = IndexOf(group);
        await using (await index.LockAsync(cancellationToken))
        {
            if (!index.Remove(name, version))
            {
                return false;
            }

            var count = (await index.SnapshotAsync(cancellationToken)).ChartCount;
            await objects.RemoveVersionAsync(group, name, version, cancellationToken);
            await objects.SetChartCountAsync(group, count, cancellationToken);
        }

        return true;
    }

    private string DirectoryOf(ChartGroup group) =>
        Path.Combine(options.RootDirectory, SafeSegment(group.Spec.TenantId), SafeSegment(group.Spec.Name));

    private static string SafeSegment(string value) =>
        value.Length == 0 || value is "." or ".." || value.IndexOfAny(['/', '\\', '\0']) >= 0
            ? throw new InvalidOperationException($"\"{value}\" cannot name a chart storage directory")
            : value;
}

/// <summary>The version is already stored and the upload did not ask to replace it (409).</summary>
public sealed class ChartExistsException(string fileName) : Exception("file already exists")
{
    public string FileName { get; } = fileName;
}

/// <summary>The group holds no such chart version (404, ChartMuseum's message).</summary>
public sealed class ChartVersionNotFoundException(string name, string version) : Exception($"no chart version found for {name}-{version}");

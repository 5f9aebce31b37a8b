using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace Tke.Registry.Storage;

/// <summary>
/// Blob uploads in progress under <c>uploads/&lt;uuid&gt;/</c> (<c>data</c> and <c>state</c>).
/// Bytes are hashed as they are written, in large pooled buffers; the file is synced once, when
/// the upload finishes and its digest matches. Nothing here is visible as a blob until then.
/// </summary>
public sealed class UploadStore
{
    internal const string DataFileName = "data";
    private const string StateFileName = "state";
    private const int BufferSize = 1 << 20;

    private readonly string _root;
    private readonly ConcurrentDictionary<Guid, UploadSession> _sessions = new();

    public UploadStore(string root)
    {
        _root = Path.Combine(root, "uploads");
        Directory.CreateDirectory(_root);
    }

    /// <summary>Starts an upload hashed with <paramref name="algorithm"/> as it arrives: a monolithic
    /// upload knows its digest's algorithm from the start, a chunked one only at its end (then SHA-256,
    /// the usual one, and <see cref="FinishAsync"/> rehashes the file for any other).</summary>
    public UploadSession Start(RepositoryKey repository, DigestAlgorithm algorithm = DigestAlgorithm.Sha256)
    {
        var id = Guid.NewGuid();
        var directory = Path.Combine(_root, id.ToString("D"));
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, StateFileName), JsonSerializer.SerializeToUtf8Bytes(new UploadState(repository.Tenant, repository.Name, DateTime.UtcNow)));
        File.Create(Path.Combine(directory, DataFileName)).Dispose();
        var session = new UploadSession(id, repository, directory, algorithm, IncrementalHash.CreateHash(Digest.HashNameOf(algorithm)), 0);
        _sessions[id] = session;
        return session;
    }

    /// <summary>The session <paramref name="id"/> of <paramref name="repository"/>, rebuilt from disk
    /// (rehashing its data) when this process did not start it; null when unknown or another repository's.</summary>
    public UploadSession? Find(RepositoryKey repository, Guid id)
    {
        if (_sessions.TryGetValue(id, out var session))
        {
            return session.Repository == repository && !session.Closed ? session : null;
        }

        var directory = Path.Combine(_root, id.ToString("D"));
        var statePath = Path.Combine(directory, StateFileName);
        var dataPath = Path.Combine(directory, DataFileName);
        if (!File.Exists(statePath) || !File.Exists(dataPath))
        {
            return null;
        }

        UploadState? state;
        try
        {
            state = JsonSerializer.Deserialize<UploadState>(File.ReadAllBytes(statePath));
        }
        catch (JsonException)
        {
            return null;
        }

        if (state is null || new RepositoryKey(state.Tenant, state.Name) != repository)
        {
            return null;
        }

        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size;
        using (var data = new FileStream(dataPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, BufferSize))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            try
            {
                int read;
                while ((read = data.Read(buffer, 0, BufferSize)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            size = data.Length;
        }

        var rebuilt = new UploadSession(id, repository, directory, DigestAlgorithm.Sha256, hash, size);
        var winner = _sessions.GetOrAdd(id, rebuilt);
        if (!ReferenceEquals(winner, rebuilt))
        {
            rebuilt.Dispose();
        }

        return winner.Repository == repository ? winner : null;
    }

    /// <summary>Appends the whole of <paramref name="body"/> at the session's end, hashing as it writes.
    /// The caller holds the session's gate. Whole aligned blocks go to disk directly (no page-cache
    /// copy); a partial block at either end of a request goes through the page cache, so any chunk
    /// size works and every acknowledged byte is in the file.</summary>
    public async Task AppendAsync(UploadSession session, Stream body, CancellationToken cancellationToken)
    {
        var reader = System.IO.Pipelines.PipeReader.Create(body, new System.IO.Pipelines.StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            await AppendAsync(session, reader, cancellationToken);
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    /// <summary>As <see cref="AppendAsync(UploadSession, Stream, CancellationToken)"/>, from a pipe:
    /// whatever the pipe holds is copied in one go, instead of one read call per TLS record.</summary>
    public async Task AppendAsync(UploadSession session, System.IO.Pipelines.PipeReader body, CancellationToken cancellationToken)
    {
        var buffer = AlignedBuffer.Rent(BufferSize);
        try
        {
            using var cached = File.OpenHandle(session.DataPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            using var direct = DirectFile.TryOpenForWrite(session.DataPath);
            var memory = buffer.Memory;

            // Until the file's end is block-aligned, direct writes cannot start: fill that block first.
            var misalignment = (int)(session.Size % DirectFile.Alignment);
            if (direct is not null && misalignment != 0)
            {
                var head = await FillAsync(body, memory[..(DirectFile.Alignment - misalignment)], cancellationToken);
                await WriteAsync(cached, session, memory[..head], cancellationToken);
                if (head < DirectFile.Alignment - misalignment)
                {
                    return;
                }
            }

            while (true)
            {
                // Fill the buffer before writing: fewer, larger writes and hash calls.
                var filled = await FillAsync(body, memory, cancellationToken);
                if (filled == 0)
                {
                    break;
                }

                var whole = direct is null ? 0 : filled - (filled % DirectFile.Alignment);
                if (whole > 0)
                {
                    await WriteAsync(direct!, session, memory[..whole], cancellationToken);
                }

                if (whole < filled)
                {
                    await WriteAsync(cached, session, memory[whole..filled], cancellationToken);
                }

                if (filled < BufferSize)
                {
                    break;
                }
            }
        }
        finally
        {
            buffer.Return();
        }
    }

    private static async Task<int> FillAsync(System.IO.Pipelines.PipeReader body, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var result = await body.ReadAsync(cancellationToken);
            var available = result.Buffer;
            var take = (int)Math.Min(available.Length, buffer.Length - filled);
            available.Slice(0, take).CopyTo(buffer.Span[filled..]);
            filled += take;
            body.AdvanceTo(available.GetPosition(take));
            if (take == 0 && result.IsCompleted)
            {
                break;
            }
        }

        return filled;
    }

    private static async Task WriteAsync(Microsoft.Win32.SafeHandles.SafeFileHandle file, UploadSession session, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await RandomAccess.WriteAsync(file, bytes, session.Size, cancellationToken);
        session.Appended(bytes.Span);
    }

    /// <summary>
    /// Ends the session: when the received bytes hash to <paramref name="expected"/> the data file
    /// is synced and its path returned for the caller to place as a blob; otherwise the upload is
    /// discarded and null returned. Either way the session is gone afterwards except for the
    /// returned file, which the caller must move or delete (see <see cref="Discard"/>). When the
    /// running hash is of another algorithm than <paramref name="expected"/>'s, the received bytes
    /// are read back and hashed; cancelling that leaves the session as it was.
    /// </summary>
    public async ValueTask<string?> FinishAsync(UploadSession session, Digest expected, CancellationToken cancellationToken)
    {
        var actual = expected.Algorithm == session.Algorithm
            ? session.CurrentDigest()
            : await FileDigest.ComputeAsync(session.DataPath, session.Size, expected.Algorithm, cancellationToken);
        if (actual != expected)
        {
            Discard(session);
            return null;
        }

        using (var file = File.OpenHandle(session.DataPath, FileMode.Open, FileAccess.Write, FileShare.Read))
        {
            // A write that failed midway may have left bytes past what was hashed.
            if (RandomAccess.GetLength(file) != session.Size)
            {
                RandomAccess.SetLength(file, session.Size);
            }

            RandomAccess.FlushToDisk(file);
        }

        // The data file moves out of the session folder so that the folder can go now.
        var verified = Path.Combine(_root, $"{session.Id:D}.verified");
        File.Move(session.DataPath, verified, overwrite: true);
        Discard(session);
        return verified;
    }

    /// <summary>Removes the session and its files.</summary>
    public void Discard(UploadSession session)
    {
        session.Closed = true;
        _sessions.TryRemove(session.Id, out _);
        session.Dispose();
        try
        {
            Directory.Delete(session.Directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>Deletes uploads untouched for longer than <paramref name="timeout"/> (and verified files
    /// a crash left behind); returns how many were removed.</summary>
    public int CleanAbandoned(TimeSpan timeout)
    {
        var cutoff = DateTime.UtcNow - timeout;
        var removed = 0;
        foreach (var directory in new DirectoryInfo(_root).EnumerateDirectories())
        {
            if (!Guid.TryParse(directory.Name, out var id))
            {
                continue;
            }

            if (_sessions.TryGetValue(id, out var live))
            {
                if (live.LastActivityUtc >= cutoff || !live.Gate.Wait(0))
                {
                    continue;
                }

                try
                {
                    Discard(live);
                }
                finally
                {
                    live.Gate.Release();
                }

                removed++;
                continue;
            }

            try
            {
                var lastWrite = directory.EnumerateFiles().Select(f => f.LastWriteTimeUtc).DefaultIfEmpty(directory.LastWriteTimeUtc).Max();
                if (lastWrite < cutoff)
                {
                    directory.Delete(recursive: true);
                    removed++;
                }
            }
            catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
            {
                // A session that finished meanwhile removed its own folder.
            }
        }

        foreach (var file in new DirectoryInfo(_root).EnumerateFiles("*.verified"))
        {
            if (file.LastWriteTimeUtc < cutoff)
            {
                file.Delete();
                removed++;
            }
        }

        return removed;
    }

    private sealed record UploadState(string Tenant, string Name, DateTime StartedUtc);
}

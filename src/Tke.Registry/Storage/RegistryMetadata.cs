using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Tke.Storage.Sqlite;

namespace Tke.Registry.Storage;

/// <summary>
/// Per-repository records in one SQLite database (<c>metadata.db</c>): which blobs each repository
/// may read (links), manifests by digest, tags, and what each manifest references (for manifest
/// validation, the referrers API and garbage collection). Every row is keyed by tenant and
/// repository name. Writes go through a <see cref="GroupCommitWriter"/>; reads use a small pool of
/// query-only connections and see only committed data.
/// </summary>
public sealed class RegistryMetadata : IDisposable
{
    private const string CreateTables = """
        CREATE TABLE IF NOT EXISTS blob_links(
            tenant TEXT NOT NULL, repo TEXT NOT NULL, digest TEXT NOT NULL, size INTEGER NOT NULL, created INTEGER NOT NULL,
            PRIMARY KEY(tenant, repo, digest)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS blob_links_by_digest ON blob_links(digest);
        CREATE TABLE IF NOT EXISTS manifests(
            tenant TEXT NOT NULL, repo TEXT NOT NULL, digest TEXT NOT NULL, media_type TEXT NOT NULL, body BLOB NOT NULL,
            total_size INTEGER NOT NULL, artifact_type TEXT, subject TEXT, annotations TEXT, created INTEGER NOT NULL,
            PRIMARY KEY(tenant, repo, digest)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS manifests_by_subject ON manifests(tenant, repo, subject) WHERE subject IS NOT NULL;
        CREATE TABLE IF NOT EXISTS manifest_refs(
            tenant TEXT NOT NULL, repo TEXT NOT NULL, manifest TEXT NOT NULL, ref TEXT NOT NULL, is_manifest INTEGER NOT NULL,
            PRIMARY KEY(tenant, repo, manifest, ref)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS manifest_refs_by_ref ON manifest_refs(ref);
        CREATE TABLE IF NOT EXISTS tags(
            tenant TEXT NOT NULL, repo TEXT NOT NULL, tag TEXT NOT NULL, digest TEXT NOT NULL, created INTEGER NOT NULL,
            PRIMARY KEY(tenant, repo, tag)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS tags_by_digest ON tags(tenant, repo, digest);

        """;

    private static readonly SqliteSchemaDefinition Schema = new("registry metadata schema", 1, CreateTables);

    private readonly string _path;
    private readonly GroupCommitWriter _writer;
    private readonly ConcurrentBag<SqliteConnection> _readers = [];

    public RegistryMetadata(string root)
    {
        Directory.CreateDirectory(root);
        _path = Path.Combine(root, "metadata.db");
        _writer = new GroupCommitWriter(SqliteWalDatabase.OpenWriter(_path, Schema));
    }

    // ---- blobs ----

    /// <summary>Links a blob to a repository after running <paramref name="beforeLink"/> (placing its
    /// file) on the writer, so placement is ordered with garbage collection's deletions.</summary>
    public Task LinkBlobAsync(RepositoryKey repository, Digest digest, long size, Action? beforeLink = null) =>
        _writer.RunAsync(connection =>
        {
            beforeLink?.Invoke();
            Execute(connection, "INSERT OR IGNORE INTO blob_links(tenant, repo, digest, size, created) VALUES($t, $r, $d, $s, $c);",
                ("$t", repository.Tenant), ("$r", repository.Name), ("$d", digest.ToString()), ("$s", size), ("$c", Now()));
            return true;
        });

    public bool IsBlobLinked(RepositoryKey repository, Digest digest) =>
        Read(c => Scalar(c, "SELECT 1 FROM blob_links WHERE tenant=$t AND repo=$r AND digest=$d;",
            ("$t", repository.Tenant), ("$r", repository.Name), ("$d", digest.ToString())) is not null);

    public Task<bool> UnlinkBlobAsync(RepositoryKey repository, Digest digest) =>
        _writer.RunAsync(connection => Execute(connection, "DELETE FROM blob_links WHERE tenant=$t AND repo=$r AND digest=$d;",
            ("$t", repository.Tenant), ("$r", repository.Name), ("$d", digest.ToString())) > 0);

    // ---- manifests and tags ----

    /// <summary>
    /// Stores a manifest and, when <paramref name="tag"/> is set, points the tag at it. References are
    /// checked inside the write (blob links whose file exists, or manifests of the repository, each of
    /// the size its descriptor declares), so a concurrent garbage collection cannot remove a blob
    /// between the check and the insert.
    /// </summary>
    /// <param name="blobFileSize">The size of a blob's file, or null when it is gone.</param>
    /// <exception cref="ManifestReferenceMissingException">a reference is not in the repository</exception>
    /// <exception cref="ManifestReferenceSizeException">a reference is, but of another size</exception>
    public Task PutManifestAsync(RepositoryKey repository, ManifestRecord manifest, IReadOnlyList<ManifestReference> references, string? tag, Func<Digest, long?> blobFileSize) =>
        _writer.RunAsync(connection =>
        {
            var keys = new (string, object?)[] { ("$t", repository.Tenant), ("$r", repository.Name) };
            foreach (var reference in references)
            {
                (string, object?)[] keyed = [.. keys, ("$d", reference.Digest.ToString())];
                var stored = reference.IsManifest
                    ? Scalar(connection, "SELECT length(body) FROM manifests WHERE tenant=$t AND repo=$r AND digest=$d;", keyed) as long?
                    : Scalar(connection, "SELECT 1 FROM blob_links WHERE tenant=$t AND repo=$r AND digest=$d;", keyed) is not null ? blobFileSize(reference.Digest) : null;
                if (stored is null)
                {
                    throw new ManifestReferenceMissingException(reference);
                }

                if (stored != reference.Size)
                {
                    throw new ManifestReferenceSizeException(reference, stored.Value);
                }
            }

            var digest = manifest.Digest.ToString();
            Execute(connection, """
                INSERT INTO manifests(tenant, repo, digest, media_type, body, total_size, artifact_type, subject, annotations, created)
                VALUES($t, $r, $d, $m, $b, $z, $a, $s, $n, $c) ON CONFLICT DO NOTHING;
                """,
                [.. keys, ("$d", digest), ("$m", manifest.MediaType), ("$b", manifest.Body), ("$z", manifest.TotalSize),
                 ("$a", manifest.ArtifactType), ("$s", manifest.Subject?.ToString()), ("$n", manifest.AnnotationsJson), ("$c", manifest.Created.ToUnixTimeMilliseconds())]);
            foreach (var reference in references)
            {
                Execute(connection, "INSERT OR IGNORE INTO manifest_refs(tenant, repo, manifest, ref, is_manifest) VALUES($t, $r, $d, $f, $i);",
                    [.. keys, ("$d", digest), ("$f", reference.Digest.ToString()), ("$i", reference.IsManifest ? 1 : 0)]);
            }

            if (tag is not null)
            {
                Execute(connection, """
                    INSERT INTO tags(tenant, repo, tag, digest, created) VALUES($t, $r, $g, $d, $c)
                    ON CONFLICT(tenant, repo, tag) DO UPDATE SET digest = excluded.digest, created = excluded.created;
                    """, [.. keys, ("$g", tag), ("$d", digest), ("$c", Now())]);
            }

            return true;
        });

    public ManifestRecord? GetManifest(RepositoryKey repository, Digest digest) =>
        Read(c => QueryManifests(c, "WHERE tenant=$t AND repo=$r AND digest=$d", ("$t", repository.Tenant), ("$r", repository.Name), ("$d", digest.ToString())).FirstOrDefault());

    public Digest? ResolveTag(RepositoryKey repository, string tag) =>
        Read(c => Scalar(c, "SELECT digest FROM tags WHERE tenant=$t AND repo=$r AND tag=$g;", ("$t", repository.Tenant), ("$r", repository.Name), ("$g", tag)) is string text
            && Digest.TryParse(text, out var digest) ? digest : null);

    /// <summary>Tags of a manifest (for events).</summary>
    public IReadOnlyList<string> TagsOf(RepositoryKey repository, Digest digest) =>
        Read(c => Strings(c, "SELECT tag FROM tags WHERE tenant=$t AND repo=$r AND digest=$d ORDER BY tag;", ("$t", repository.Tenant), ("$r", repository.Name), ("$d", digest.ToString())));

    /// <summary>Deletes a manifest and every tag pointing at it; false when it was not stored.</summary>
    public Task<bool> DeleteManifestAsync(RepositoryKey repository, Digest digest) =>
        _writer.RunAsync(connection =>
        {
            var keys = new (string, object?)[] { ("$t", repository.Tenant), ("$r", repository.Name), ("$d", digest.ToString()) };
            var deleted = Execute(connection, "DELETE FROM manifests WHERE tenant=$t AND repo=$r AND digest=$d;", keys) > 0;
            Execute(connection, "DELETE FROM manifest_refs WHERE tenant=$t AND repo=$r AND manifest=$d;", keys);
            Execute(connection, "DELETE FROM tags WHERE tenant=$t AND repo=$r AND digest=$d;", keys);
            return deleted;
        });

    public Task<bool> DeleteTagAsync(RepositoryKey repository, string tag) =>
        _writer.RunAsync(connection => Execute(connection, "DELETE FROM tags WHERE tenant=$t AND repo=$r AND tag=$g;",
            ("$t", repository.Tenant), ("$r", repository.Name), ("$g", tag)) > 0);

    /// <summary>Tags in lexical order after <paramref name="last"/>, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<string> ListTags(RepositoryKey repository, string? last, int limit) =>
        Read(c => Strings(c, "SELECT tag FROM tags WHERE tenant=$t AND repo=$r AND tag > $l ORDER BY tag LIMIT $n;",
            ("$t", repository.Tenant), ("$r", repository.Name), ("$l", last ?? ""), ("$n", limit)));

    /// <summary>Whether anything (a manifest or a blob) was pushed to the repository.</summary>
    public bool RepositoryExists(RepositoryKey repository) =>
        Read(c => Scalar(c, "SELECT 1 FROM manifests WHERE tenant=$t AND repo=$r UNION ALL SELECT 1 FROM blob_links WHERE tenant=$t AND repo=$r LIMIT 1;",
            ("$t", repository.Tenant), ("$r", repository.Name)) is not null);

    /// <summary>Repositories of a tenant that hold manifests, in lexical order after <paramref name="last"/>.</summary>
    public IReadOnlyList<string> ListRepositories(string tenant, string? last, int limit) =>
        Read(c => Strings(c, "SELECT DISTINCT repo FROM manifests WHERE tenant=$t AND repo > $l ORDER BY repo LIMIT $n;",
            ("$t", tenant), ("$l", last ?? ""), ("$n", limit)));

    /// <summary>Manifests of the repository whose subject is <paramref name="subject"/>.</summary>
    public IReadOnlyList<ManifestRecord> Referrers(RepositoryKey repository, Digest subject) =>
        Read(c => QueryManifests(c, "WHERE tenant=$t AND repo=$r AND subject=$s ORDER BY digest", ("$t", repository.Tenant), ("$r", repository.Name), ("$s", subject.ToString())));

    // ---- garbage collection ----

    /// <summary>Whether any manifest of any repository and tenant references the blob.</summary>
    public bool IsReferenced(SqliteConnection connection, Digest digest) =>
        Scalar(connection, "SELECT 1 FROM manifest_refs WHERE ref=$d LIMIT 1;", ("$d", digest.ToString())) is not null;

    /// <summary>Runs <paramref name="collect"/> on the writer: it sees every committed reference and
    /// no manifest PUT or blob placement runs while it does.</summary>
    public Task<T> RunExclusiveAsync<T>(Func<SqliteConnection, T> collect) => _writer.RunAsync(collect);

    /// <summary>Removes every repository's link to a deleted blob (on the writer connection).</summary>
    public static void UnlinkEverywhere(SqliteConnection connection, Digest digest) =>
        Execute(connection, "DELETE FROM blob_links WHERE digest=$d;", ("$d", digest.ToString()));

    public void Dispose()
    {
        _writer.Dispose();
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    // ---- plumbing ----

    private T Read<T>(Func<SqliteConnection, T> query)
    {
        if (!_readers.TryTake(out var connection))
        {
            connection = SqliteWalDatabase.OpenReader(_path);
        }

        try
        {
            var result = query(connection);
            _readers.Add(connection);
            return result;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static List<ManifestRecord> QueryManifests(SqliteConnection connection, string where, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, $"SELECT digest, media_type, body, total_size, artifact_type, subject, annotations, created FROM manifests {where};", parameters);
        using var reader = command.ExecuteReader();
        var records = new List<ManifestRecord>();
        while (reader.Read())
        {
            Digest.TryParse(reader.GetString(0), out var digest);
            Digest? subject = null;
            if (!reader.IsDBNull(5) && Digest.TryParse(reader.GetString(5), out var parsed))
            {
                subject = parsed;
            }

            records.Add(new ManifestRecord(
                digest!.Value,
                reader.GetString(1),
                (byte[])reader.GetValue(2),
                reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                subject,
                reader.IsDBNull(6) ? null : reader.GetString(6),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7))));
        }

        return records;
    }

    private static List<string> Strings(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static int Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteScalar();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}

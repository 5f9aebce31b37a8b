using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tke.Registry.Storage;

namespace Tke.Registry.Distribution;

/// <summary>GET/HEAD/PUT/DELETE <c>/v2/&lt;name&gt;/manifests/&lt;tag or digest&gt;</c>.</summary>
public sealed class ManifestEndpoints(RegistryStorage storage, RepositoryEventQueue? events)
{
    /// <summary>The largest manifest accepted, as in the reference implementation.</summary>
    public const int MaxManifestBytes = 4 * 1024 * 1024;

    public async Task GetAsync(RepositoryRequest request)
    {
        var reference = await ParseReferenceAsync(request);
        if (reference is null)
        {
            return;
        }

        var (tag, digest) = reference.Value;
        var manifest = digest is { } d ? storage.Metadata.GetManifest(request.Repository, d) : null;
        if (manifest is null)
        {
            await OciErrorResponse.WriteAsync(request.Context, 404, OciErrorCode.ManifestUnknown, "manifest unknown to registry", new { reference = request.Route.Reference });
            return;
        }

        manifest = Negotiate(request, manifest, tag is not null);
        if (manifest is null)
        {
            await OciErrorResponse.WriteAsync(request.Context, 404, OciErrorCode.ManifestUnknown, "the manifest's media type is not in the Accept header", new { reference = request.Route.Reference });
            return;
        }

        var response = request.Response;
        response.ContentType = manifest.MediaType;
        response.ContentLength = manifest.Body.Length;
        response.Headers["Docker-Content-Digest"] = manifest.Digest.ToString();
        response.Headers.ETag = $"\"{manifest.Digest}\"";
        if (HttpMethods.IsHead(request.Request.Method))
        {
            return;
        }

        await response.Body.WriteAsync(manifest.Body, request.Aborted);
        events?.Publish(new RepositoryEvent(RepositoryEventKind.Pulled, request.Repository.Tenant, request.Name, tag, manifest.Digest.ToString(), manifest.TotalSize));
    }

    public async Task PutAsync(RepositoryRequest request)
    {
        var reference = await ParseReferenceAsync(request, resolve: false);
        if (reference is null)
        {
            return;
        }

        if (request.Request.ContentLength > MaxManifestBytes)
        {
            await TooLargeAsync(request);
            return;
        }

        var body = await ReadLimitedAsync(request.Request.Body, request.Aborted);
        if (body is null)
        {
            await TooLargeAsync(request);
            return;
        }

        // Pushed by digest, the manifest is stored under that digest's algorithm; by tag, under sha256.
        var (tag, expected) = reference.Value;
        var digest = Digest.Compute(expected?.Algorithm ?? DigestAlgorithm.Sha256, body);
        if (expected is { } e && e != digest)
        {
            await OciErrorResponse.WriteAsync(request.Context, 400, OciErrorCode.DigestInvalid, "the manifest's bytes do not match the digest in the URL", new { expected = e.ToString(), actual = digest.ToString() });
            return;
        }

        var parsed = ManifestParser.Parse(body, request.Request.ContentType, out var error);
        if (error is not null)
        {
            await OciErrorResponse.WriteAsync(request.Context, 400, OciErrorCode.ManifestInvalid, error);
            return;
        }

        var record = new ManifestRecord(digest, parsed.MediaType, body, body.Length + parsed.ReferencedSize, parsed.ArtifactType, parsed.Subject, parsed.AnnotationsJson, DateTimeOffset.UtcNow);
        try
        {
            await storage.Metadata.PutManifestAsync(request.Repository, record, parsed.References, tag, storage.Blobs.SizeOf);
        }
        catch (ManifestReferenceMissingException missing)
        {
            var (code, what) = missing.Missing.IsManifest ? (OciErrorCode.ManifestUnknown, "manifest") : (OciErrorCode.ManifestBlobUnknown, "blob");
            await OciErrorResponse.WriteAsync(request.Context, 400, code, $"the manifest references a {what} that is not in the repository", new { digest = missing.Missing.Digest.ToString() });
            return;
        }
        catch (ManifestReferenceSizeException wrongSize)
        {
            await OciErrorResponse.WriteAsync(request.Context, 400, OciErrorCode.ManifestInvalid, wrongSize.Message,
                new { digest = wrongSize.Reference.Digest.ToString(), size = wrongSize.Reference.Size, storedSize = wrongSize.StoredSize });
            return;
        }

        var response = request.Response;
        response.StatusCode = 201;
        response.Headers.Location = $"/v2/{request.Name}/manifests/{digest}";
        response.Headers["Docker-Content-Digest"] = digest.ToString();
        if (parsed.Subject is { } subject)
        {
            response.Headers["OCI-Subject"] = subject.ToString();
        }

        response.ContentLength = 0;
        events?.Publish(new RepositoryEvent(RepositoryEventKind.Pushed, request.Repository.Tenant, request.Name, tag, digest.ToString(), record.TotalSize));
    }

    /// <summary>By digest: the manifest and every tag on it. By tag: only the tag.</summary>
    public async Task DeleteAsync(RepositoryRequest request)
    {
        var reference = await ParseReferenceAsync(request, resolve: false);
        if (reference is null)
        {
            return;
        }

        var (tag, digest) = reference.Value;
        string? deletedDigest = null;
        if (tag is not null)
        {
            var target = storage.Metadata.ResolveTag(request.Repository, tag);
            if (target is not null && await storage.Metadata.DeleteTagAsync(request.Repository, tag))
            {
                deletedDigest = target.ToString();
            }
        }
        else if (await storage.Metadata.DeleteManifestAsync(request.Repository, digest!.Value))
        {
            deletedDigest = digest.ToString();
        }

        if (deletedDigest is null)
        {
            await OciErrorResponse.WriteAsync(request.Context, 404, OciErrorCode.ManifestUnknown, "manifest unknown to registry", new { reference = request.Route.Reference });
            return;
        }

        request.Response.StatusCode = 202;
        request.Response.ContentLength = 0;
        events?.Publish(new RepositoryEvent(RepositoryEventKind.Deleted, request.Repository.Tenant, request.Name, tag, deletedDigest, 0));
    }

    /// <summary>The tag (if the reference is one) and the digest (given, or the tag's when
    /// <paramref name="resolve"/>); null after writing TAG_INVALID or DIGEST_INVALID.</summary>
    private async Task<(string? Tag, Digest? Digest)?> ParseReferenceAsync(RepositoryRequest request, bool resolve = true)
    {
        var reference = request.Route.Reference;
        if (Digest.LooksLikeDigest(reference))
        {
            if (!Digest.TryParse(reference, out var digest))
            {
                await OciErrorResponse.WriteAsync(request.Context, 400, OciErrorCode.DigestInvalid, "invalid or unsupported digest", new { digest = reference });
                return null;
            }

            return (null, digest);
        }

        if (!RepositoryNames.IsValidTag(reference))
        {
            await OciErrorResponse.WriteAsync(request.Context, 400, OciErrorCode.TagInvalid, "invalid tag", new { tag = reference });
            return null;
        }

        return (reference, resolve ? storage.Metadata.ResolveTag(request.Repository, reference) : null);
    }

    /// <summary>
    /// Content negotiation: the stored manifest when the client accepts its type (or sends no Accept,
    /// or a wildcard). A client that cannot read manifest lists gets, by tag, the linux/amd64 image
    /// of the list, as the reference implementation does; otherwise null (MANIFEST_UNKNOWN).
    /// </summary>
    private ManifestRecord? Negotiate(RepositoryRequest request, ManifestRecord manifest, bool byTag)
    {
        var accepted = request.Request.Headers.Accept
            .SelectMany(v => (v ?? "").Split(','))
            .Select(v => v.Split(';')[0].Trim())
            .Where(v => v.Length > 0)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (accepted.Count == 0 || accepted.Contains("*/*") || accepted.Contains(manifest.MediaType)
            || (accepted.Contains("application/json") && manifest.MediaType is ManifestMediaTypes.OciManifest or ManifestMediaTypes.OciIndex))
        {
            return manifest;
        }

        if (!byTag || !ManifestMediaTypes.IsIndex(manifest.MediaType))
        {
            return null;
        }

        using var document = JsonDocument.Parse(manifest.Body);
        foreach (var child in document.RootElement.GetProperty("manifests").EnumerateArray())
        {
            if (child.TryGetProperty("platform", out var platform)
                && platform.TryGetProperty("os", out var os) && os.GetString() == "linux"
                && platform.TryGetProperty("architecture", out var arch) && arch.GetString() == "amd64"
                && Digest.TryParse(child.GetProperty("digest").GetString(), out var childDigest)
                && storage.Metadata.GetManifest(request.Repository, childDigest.Value) is { } image
                && accepted.Contains(image.MediaType))
            {
                return image;
            }
        }

        return null;
    }

    private static Task TooLargeAsync(RepositoryRequest request) =>
        OciErrorResponse.WriteAsync(request.Context, 413, OciErrorCode.ManifestInvalid, $"manifest exceeds {MaxManifestBytes} bytes", new { limit = MaxManifestBytes });

    /// <summary>The body, or null when it exceeds the limit (reading stops there).</summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > MaxManifestBytes)
                    {
                        return null;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    return length > MaxManifestBytes ? null : buffer.AsSpan(0, length).ToArray();
                }

                length += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

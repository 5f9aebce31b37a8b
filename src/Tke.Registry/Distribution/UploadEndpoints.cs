using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Tke.Registry.Access;
using Tke.Registry.Storage;

namespace Tke.Registry.Distribution;

/// <summary>
/// Blob uploads under <c>/v2/&lt;name&gt;/blobs/uploads/</c>: POST (start, monolithic with <c>?digest=</c>,
/// or cross-repository mount), PATCH (a chunk), PUT (finish), GET (status) and DELETE (cancel).
/// </summary>
public sealed class UploadEndpoints(RegistryStorage storage, IRegistryAccess access)
{
    public async Task StartAsync(RepositoryRequest request)
    {
        var query = request.Request.Query;
        var mount = query["mount"].ToString();
        if (!string.IsNullOrEmpty(mount) && await TryMountAsync(request, mount, query["from"].ToString()))
        {
            return;
        }

        var digestParameter = query["digest"].ToString();
        Digest? digest = null;
        if (!string.IsNullOrEmpty(digestParameter))
        {
            if (!Digest.TryParse(digestParameter, out digest))
            {
                await OciErrorResponse.WriteAsync(request.Context, 400, OciErrorCode.DigestInvalid, "invalid or unsupported digest", new { digest = digestParameter });
                return;
            }
        }

        // With the digest known now, the upload is hashed with its algorithm as it arrives.
        var session = storage.Uploads.Start(request.Repository, digest?.Algorithm ?? DigestAlgorithm.Sha256);
        if (digest is null)
        {
            await WriteProgressAsync(request, session, 202);
            return;
        }

        await session.Gate.WaitAsync(request.Aborted);
        try
        {
            await AppendAsync(request, session);
            await FinishAsync(request, session, digest.Value);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    public Task PatchAsync(RepositoryRequest request) => WithOpenSessionAsync(request, async session =>
    {
        var contentRange = request.Request.Headers.ContentRange.ToString();
        if (!string.IsNullOrEmpty(contentRange) && !ChunkStartsAtEnd(contentRange, session.Size, request.Request.ContentLength))
        {
            // 416 tells the client where the upload really is (Range) so it can resume.
            SetProgressHeaders(request, session);
            await OciErrorResponse.WriteAsync(request.Context, 416, OciErrorCode.RangeInvalid, $"chunk must start at offset {session.Size}", new { contentRange });
            return;
        }

        await AppendAsync(request, session);
        await WriteProgressAsync(request, session, 202);
    });

    public async Task PutAsync(RepositoryRequest request)
    {
        var digestParameter = request.Request.Query["digest"].ToString();
        if (!Digest.TryParse(digestParameter, out var digest))
        {
            await OciErrorResponse.WriteAsync(request.Context, 400, OciErrorCode.DigestInvalid, "the digest query parameter is missing, invalid or unsupported", new { digest = digestParameter });
            return;
        }

        await WithOpenSessionAsync(request, async session =>
        {
            await AppendAsync(request, session);
            await FinishAsync(request, session, digest.Value);
        });
    }

    public async Task StatusAsync(RepositoryRequest request)
    {
        var session = await FindAsync(request);
        if (session is not null)
        {
            await WriteProgressAsync(request, session, 204);
        }
    }

    public async Task CancelAsync(RepositoryRequest request)
    {
        var session = await FindAsync(request);
        if (session is null)
        {
            return;
        }

        await session.Gate.WaitAsync(request.Aborted);
        try
        {
            storage.Uploads.Discard(session);
        }
        finally
        {
            session.Gate.Release();
        }

        request.Response.StatusCode = 204;
    }

    private async Task<bool> TryMountAsync(RepositoryRequest request, string mount, string from)
    {
        if (!Digest.TryParse(mount, out var digest))
        {
            await OciErrorResponse.WriteAsync(request.Context, 400, OciErrorCode.DigestInvalid, "invalid or unsupported mount digest", new { digest = mount });
            return true;
        }

        // The spec says an impossible mount falls back to an ordinary upload session.
        if (!RepositoryNames.IsValidName(from))
        {
            return false;
        }

        var decision = await access.AuthorizeAsync(request.Principal, from, RegistryAction.Pull, request.Aborted);
        var source = new RepositoryKey(request.Repository.Tenant, from);
        if (decision != RegistryDecision.Allowed || !await storage.MountAsync(source, request.Repository, digest.Value))
        {
            return false;
        }

        request.Response.StatusCode = 201;
        request.Response.Headers.Location = $"/v2/{request.Name}/blobs/{digest}";
        request.Response.Headers["Docker-Content-Digest"] = digest.ToString();
        request.Response.ContentLength = 0;
        return true;
    }

    private async Task FinishAsync(RepositoryRequest request, UploadSession session, Digest digest)
    {
        var size = session.Size;
        var verified = await storage.Uploads.FinishAsync(session, digest, request.Aborted);
        if (verified is null)
        {
            await OciErrorResponse.WriteAsync(request.Context, 400, OciErrorCode.DigestInvalid, "uploaded content does not match the digest; the upload was discarded", new { digest = digest.ToString() });
            return;
        }

        await storage.CommitBlobAsync(request.Repository, verified, digest, size);
        request.Response.StatusCode = 201;
        request.Response.Headers.Location = $"/v2/{request.Name}/blobs/{digest}";
        request.Response.Headers["Docker-Content-Digest"] = digest.ToString();
        request.Response.ContentLength = 0;
    }

    private async Task AppendAsync(RepositoryRequest request, UploadSession session)
    {
        // Blobs have no size limit; Kestrel's default (30 MB) would cut large layers.
        var limit = request.Context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (limit is { IsReadOnly: false })
        {
            limit.MaxRequestBodySize = null;
        }

        await storage.Uploads.AppendAsync(session, request.Request.BodyReader, request.Aborted);
    }

    private async Task<UploadSession?> FindAsync(RepositoryRequest request)
    {
        if (Guid.TryParse(request.Route.Reference, out var id) && storage.Uploads.Find(request.Repository, id) is { } session)
        {
            return session;
        }

        await UnknownAsync(request);
        return null;
    }

    /// <summary>Runs <paramref name="action"/> on the request's upload session while holding its gate
    /// (two requests on one session must not interleave); an unknown or finished session is 404.</summary>
    private async Task WithOpenSessionAsync(RepositoryRequest request, Func<UploadSession, Task> action)
    {
        var session = await FindAsync(request);
        if (session is null)
        {
            return;
        }

        await session.Gate.WaitAsync(request.Aborted);
        try
        {
            if (session.Closed)
            {
                await UnknownAsync(request);
                return;
            }

            await action(session);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    private static Task UnknownAsync(RepositoryRequest request) =>
        OciErrorResponse.WriteAsync(request.Context, 404, OciErrorCode.BlobUploadUnknown, "blob upload unknown to registry", new { uuid = request.Route.Reference });

    /// <summary>Content-Range "start-end" (or "bytes start-end[/total]") must continue where the upload is.</summary>
    private static bool ChunkStartsAtEnd(string contentRange, long size, long? contentLength)
    {
        var text = contentRange.StartsWith("bytes ", StringComparison.OrdinalIgnoreCase) ? contentRange[6..] : contentRange;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            text = text[..slash];
        }

        var parts = text.Split('-', 2);
        if (parts.Length != 2 || !long.TryParse(parts[0], out var start) || !long.TryParse(parts[1], out var end) || end < start)
        {
            return false;
        }

        return start == size && (contentLength is null || contentLength == end - start + 1);
    }

    private static void SetProgressHeaders(RepositoryRequest request, UploadSession session)
    {
        var headers = request.Response.Headers;
        headers.Location = $"/v2/{request.Name}/blobs/uploads/{session.Id:D}";
        headers["Docker-Upload-UUID"] = session.Id.ToString("D");
        headers.Range = session.Size == 0 ? "0-0" : $"0-{session.Size - 1}";
    }

    private static Task WriteProgressAsync(RepositoryRequest request, UploadSession session, int status)
    {
        SetProgressHeaders(request, session);
        request.Response.StatusCode = status;
        request.Response.ContentLength = 0;
        return Task.CompletedTask;
    }
}

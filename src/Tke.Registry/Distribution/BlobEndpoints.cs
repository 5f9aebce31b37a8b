using Microsoft.AspNetCore.Http;
using Tke.Registry.Storage;

namespace Tke.Registry.Distribution;

/// <summary>GET/HEAD/DELETE <c>/v2/&lt;name&gt;/blobs/&lt;digest&gt;</c>. Downloads go from the file to the
/// socket (<see cref="BlobFileSender"/>), with single byte ranges.</summary>
public sealed class BlobEndpoints(RegistryStorage storage)
{
    public async Task GetAsync(RepositoryRequest request)
    {
        if (!Digest.TryParse(request.Route.Reference, out var digest))
        {
            await OciErrorResponse.WriteAsync(request.Context, 400, OciErrorCode.DigestInvalid, "invalid or unsupported digest", new { digest = request.Route.Reference });
            return;
        }

        var response = request.Response;
        var size = storage.StatBlob(request.Repository, digest.Value);
        if (size is null)
        {
            // Manifests are content-addressed too; some clients fetch them as blobs.
            var manifest = storage.Metadata.GetManifest(request.Repository, digest.Value);
            if (manifest is null)
            {
                await OciErrorResponse.WriteAsync(request.Context, 404, OciErrorCode.BlobUnknown, "blob unknown to registry", new { digest = digest.ToString() });
                return;
            }

            response.Headers["Docker-Content-Digest"] = digest.ToString();
            response.ContentType = manifest.MediaType;
            response.ContentLength = manifest.Body.Length;
            if (!HttpMethods.IsHead(request.Request.Method))
            {
                await response.Body.WriteAsync(manifest.Body, request.Aborted);
            }

            return;
        }

        var length = size.Value;
        response.Headers["Docker-Content-Digest"] = digest.ToString();
        response.Headers.ETag = $"\"{digest}\"";
        response.Headers.AcceptRanges = "bytes";
        response.Headers.CacheControl = "max-age=31536000";
        response.ContentType = "application/octet-stream";
        long offset = 0;
        var count = length;
        var rangeHeader = request.Request.Headers.Range.ToString();
        if (!string.IsNullOrEmpty(rangeHeader))
        {
            var range = ByteRange.Parse(rangeHeader, length);
            if (range is null)
            {
                response.Headers.ContentRange = $"bytes */{length}";
                await OciErrorResponse.WriteAsync(request.Context, 416, OciErrorCode.RangeInvalid, "requested range not satisfiable", new { range = rangeHeader, size = length });
                return;
            }

            offset = range.Value.Start;
            count = range.Value.Length;
            response.StatusCode = 206;
            response.Headers.ContentRange = $"bytes {range.Value.Start}-{range.Value.End}/{length}";
        }

        response.ContentLength = count;
        if (HttpMethods.IsHead(request.Request.Method) || count == 0)
        {
            return;
        }

        try
        {
            await BlobFileSender.SendAsync(response, storage.Blobs.PathOf(digest.Value), offset, count, request.Aborted);
        }
        catch (FileNotFoundException)
        {
            // Collected between the check and the send (unlinked and unreferenced by then).
            response.Headers.Remove("Content-Range");
            await OciErrorResponse.WriteAsync(request.Context, 404, OciErrorCode.BlobUnknown, "blob unknown to registry", new { digest = digest.ToString() });
        }
    }

    /// <summary>Unlinks the blob from the repository; the file goes at the next collection if nothing references it.</summary>
    public async Task DeleteAsync(RepositoryRequest request)
    {
        if (!Digest.TryParse(request.Route.Reference, out var digest))
        {
            await OciErrorResponse.WriteAsync(request.Context, 400, OciErrorCode.DigestInvalid, "invalid or unsupported digest", new { digest = request.Route.Reference });
            return;
        }

        if (!await storage.Metadata.UnlinkBlobAsync(request.Repository, digest.Value))
        {
            await OciErrorResponse.WriteAsync(request.Context, 404, OciErrorCode.BlobUnknown, "blob unknown to registry", new { digest = digest.ToString() });
            return;
        }

        request.Response.StatusCode = 202;
        request.Response.Headers["Docker-Content-Digest"] = digest.ToString();
        request.Response.ContentLength = 0;
    }
}

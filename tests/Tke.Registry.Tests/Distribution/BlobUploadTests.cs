using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Tke.Registry.Tests.Distribution;

public sealed class BlobUploadTests : RegistryServerTest
{
    [Fact]
    public async Task MonolithicUploadIsReadableWithDigestAndLength()
    {
        var bytes = Encoding.UTF8.GetBytes("hello registry");
        var digest = OciPush.DigestOf(bytes);
        using var post = await Alice.PostAsync($"/v2/library/app/blobs/uploads/?digest={digest}", new ByteArrayContent(bytes));
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        Assert.Equal($"/v2/library/app/blobs/{digest}", post.Headers.Location!.OriginalString);
        Assert.Equal(digest, post.Headers.GetValues("Docker-Content-Digest").Single());

        using var head = await Alice.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/library/app/blobs/{digest}"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(bytes.Length, head.Content.Headers.ContentLength);
        Assert.Equal(digest, head.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal("registry/2.0", head.Headers.GetValues("Docker-Distribution-API-Version").Single());

        Assert.Equal(bytes, await Alice.GetByteArrayAsync($"/v2/library/app/blobs/{digest}"));
    }

    [Fact]
    public async Task ChunkedUploadWithStatusAndOutOfOrderChunk()
    {
        var bytes = Encoding.UTF8.GetBytes("first chunk|second chunk|last");
        var digest = OciPush.DigestOf(bytes);
        using var start = await Alice.PostAsync("/v2/library/app/blobs/uploads/", null);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var location = start.Headers.Location!.OriginalString;
        Assert.StartsWith("/v2/library/app/blobs/uploads/", location, StringComparison.Ordinal);
        Assert.Equal(location.Split('/')[^1], start.Headers.GetValues("Docker-Upload-UUID").Single());

        using var first = await PatchAsync(location, bytes[..12], "0-11");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal("0-11", first.Headers.GetValues("Range").Single());

        // A chunk that does not continue at offset 12 is refused and the upload is unchanged.
        using var gap = await PatchAsync(location, bytes[12..24], "20-31");
        Assert.Equal((HttpStatusCode)416, gap.StatusCode);
        Assert.Equal("0-11", gap.Headers.GetValues("Range").Single());

        using var status = await Alice.GetAsync(location);
        Assert.Equal(HttpStatusCode.NoContent, status.StatusCode);
        Assert.Equal("0-11", status.Headers.GetValues("Range").Single());

        // Docker streams a chunk without Content-Range.
        using var second = await PatchAsync(location, bytes[12..25], null);
        Assert.Equal("0-24", second.Headers.GetValues("Range").Single());

        using var put = await Alice.PutAsync($"{location}?digest={digest}", new ByteArrayContent(bytes[25..]));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(bytes, await Alice.GetByteArrayAsync($"/v2/library/app/blobs/{digest}"));

        using var gone = await Alice.GetAsync(location);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("BLOB_UPLOAD_UNKNOWN", await OciPush.ErrorCodeAsync(gone));
    }

    [Fact]
    public async Task UploadResumesAfterRestart()
    {
        var bytes = Enumerable.Range(0, 3_000_000).Select(i => (byte)(i * 7)).ToArray();
        var digest = OciPush.DigestOf(bytes);
        using var start = await Alice.PostAsync("/v2/library/app/blobs/uploads/", null);
        var location = start.Headers.Location!.OriginalString;
        using (await PatchAsync(location, bytes[..1_000_000], "0-999999"))
        {
        }

        await RestartAsync();

        using var status = await Alice.GetAsync(location);
        Assert.Equal(HttpStatusCode.NoContent, status.StatusCode);
        Assert.Equal("0-999999", status.Headers.GetValues("Range").Single());
        using var rest = await PatchAsync(location, bytes[1_000_000..], "1000000-2999999");
        Assert.Equal(HttpStatusCode.Accepted, rest.StatusCode);
        using var put = await Alice.PutAsync($"{location}?digest={digest}", null);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(bytes, await Alice.GetByteArrayAsync($"/v2/library/app/blobs/{digest}"));
    }

    [Fact]
    public async Task DigestMismatchStoresNothing()
    {
        var bytes = Encoding.UTF8.GetBytes("the real bytes");
        var wrong = OciPush.DigestOf(Encoding.UTF8.GetBytes("other bytes"));
        using var monolithic = await Alice.PostAsync($"/v2/library/app/blobs/uploads/?digest={wrong}", new ByteArrayContent(bytes));
        Assert.Equal(HttpStatusCode.BadRequest, monolithic.StatusCode);
        Assert.Equal("DIGEST_INVALID", await OciPush.ErrorCodeAsync(monolithic));

        using var start = await Alice.PostAsync("/v2/library/app/blobs/uploads/", null);
        var location = start.Headers.Location!.OriginalString;
        using var put = await Alice.PutAsync($"{location}?digest={wrong}", new ByteArrayContent(bytes));
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("DIGEST_INVALID", await OciPush.ErrorCodeAsync(put));

        using var malformed = await Alice.PostAsync("/v2/library/app/blobs/uploads/?digest=sha256:xyz", new ByteArrayContent(bytes));
        Assert.Equal("DIGEST_INVALID", await OciPush.ErrorCodeAsync(malformed));

        foreach (var digest in new[] { wrong, OciPush.DigestOf(bytes) })
        {
            using var head = await Alice.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/library/app/blobs/{digest}"));
            Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        }

        Assert.Equal(0, BlobFileCount());
        Assert.Equal(0, UploadEntryCount());
    }

    [Fact]
    public async Task AbandonedUploadIsInvisibleAndCleaned()
    {
        var bytes = Encoding.UTF8.GetBytes("half of a layer");
        using var start = await Alice.PostAsync("/v2/library/app/blobs/uploads/", null);
        var location = start.Headers.Location!.OriginalString;
        using (await PatchAsync(location, bytes, null))
        {
        }

        using var head = await Alice.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/library/app/blobs/{OciPush.DigestOf(bytes)}"));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.Equal(0, BlobFileCount());

        // A fresh upload survives cleaning; an idle one does not.
        Assert.Equal(0, Server.Storage.Uploads.CleanAbandoned(TimeSpan.FromHours(1)));
        Assert.Equal(1, Server.Storage.Uploads.CleanAbandoned(TimeSpan.Zero));
        Assert.Equal(0, UploadEntryCount());
        using var status = await Alice.GetAsync(location);
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        Assert.Equal("BLOB_UPLOAD_UNKNOWN", await OciPush.ErrorCodeAsync(status));
    }

    [Fact]
    public async Task CancelledUploadIsGone()
    {
        using var start = await Alice.PostAsync("/v2/library/app/blobs/uploads/", null);
        var location = start.Headers.Location!.OriginalString;
        using var cancel = await Alice.DeleteAsync(location);
        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        using var status = await Alice.GetAsync(location);
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        Assert.Equal(0, UploadEntryCount());
    }

    [Fact]
    public async Task UploadOfAnotherRepositoryIsUnknown()
    {
        using var start = await Alice.PostAsync("/v2/library/app/blobs/uploads/", null);
        var id = start.Headers.Location!.OriginalString.Split('/')[^1];
        using var status = await Alice.GetAsync($"/v2/team/app/blobs/uploads/{id}");
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        Assert.Equal("BLOB_UPLOAD_UNKNOWN", await OciPush.ErrorCodeAsync(status));
    }

    [Fact]
    public async Task CrossRepositoryMountLinksWithoutCopying()
    {
        var bytes = Encoding.UTF8.GetBytes("shared base layer");
        var digest = await OciPush.BlobAsync(Alice, "library/base", bytes);

        using var before = await Alice.GetAsync($"/v2/team/app/blobs/{digest}");
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal("BLOB_UNKNOWN", await OciPush.ErrorCodeAsync(before));

        using var mount = await Alice.PostAsync($"/v2/team/app/blobs/uploads/?mount={digest}&from=library/base", null);
        Assert.Equal(HttpStatusCode.Created, mount.StatusCode);
        Assert.Equal($"/v2/team/app/blobs/{digest}", mount.Headers.Location!.OriginalString);
        Assert.Equal(bytes, await Alice.GetByteArrayAsync($"/v2/team/app/blobs/{digest}"));
        Assert.Equal(1, BlobFileCount());

        // From a repository the blob is not in, the mount falls back to a new upload session.
        using var fallback = await Alice.PostAsync($"/v2/team/other/blobs/uploads/?mount={digest}&from=library/empty", null);
        Assert.Equal(HttpStatusCode.Accepted, fallback.StatusCode);
        Assert.NotNull(fallback.Headers.Location);
    }

    [Fact]
    public async Task MountFromAnotherTenantFallsBackToUpload()
    {
        var digest = await OciPush.BlobAsync(Alice, "library/base", Encoding.UTF8.GetBytes("tenant one's layer"));
        using var carol = Server.Client("carol", "carol-pw");
        using var mount = await carol.PostAsync($"/v2/library/app/blobs/uploads/?mount={digest}&from=library/base", null);
        Assert.Equal(HttpStatusCode.Accepted, mount.StatusCode);
        using var get = await carol.GetAsync($"/v2/library/base/blobs/{digest}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task RangeReads()
    {
        var bytes = Encoding.UTF8.GetBytes("0123456789abcdefghij");
        var digest = await OciPush.BlobAsync(Alice, "library/app", bytes);

        async Task<HttpResponseMessage> Get(string range)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/library/app/blobs/{digest}");
            request.Headers.TryAddWithoutValidation("Range", range);
            return await Alice.SendAsync(request);
        }

        using var middle = await Get("bytes=10-14");
        Assert.Equal(HttpStatusCode.PartialContent, middle.StatusCode);
        Assert.Equal("abcde", await middle.Content.ReadAsStringAsync());
        Assert.Equal("bytes 10-14/20", middle.Content.Headers.ContentRange!.ToString());

        using var open = await Get("bytes=15-");
        Assert.Equal("fghij", await open.Content.ReadAsStringAsync());
        using var suffix = await Get("bytes=-3");
        Assert.Equal("hij", await suffix.Content.ReadAsStringAsync());

        using var beyond = await Get("bytes=20-");
        Assert.Equal((HttpStatusCode)416, beyond.StatusCode);
        Assert.Equal("bytes */20", beyond.Content.Headers.ContentRange!.ToString());
        Assert.Equal("RANGE_INVALID", await OciPush.ErrorCodeAsync(beyond));
    }

    [Fact]
    public async Task BlobDeleteUnlinksFromTheRepository()
    {
        var digest = await OciPush.BlobAsync(Alice, "library/app", Encoding.UTF8.GetBytes("to delete"));
        using var delete = await Alice.DeleteAsync($"/v2/library/app/blobs/{digest}");
        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        using var get = await Alice.GetAsync($"/v2/library/app/blobs/{digest}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        using var again = await Alice.DeleteAsync($"/v2/library/app/blobs/{digest}");
        Assert.Equal("BLOB_UNKNOWN", await OciPush.ErrorCodeAsync(again));
    }

    private async Task<HttpResponseMessage> PatchAsync(string location, byte[] chunk, string? contentRange)
    {
        var content = new ByteArrayContent(chunk);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        if (contentRange is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Range", contentRange);
        }

        return await Alice.PatchAsync(location, content);
    }
}

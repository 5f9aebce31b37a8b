using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Tke.Registry.Tests.Distribution;

/// <summary>sha512 digests (the other algorithm the OCI image spec registers) for blobs and
/// manifests; any other algorithm or shape stays DIGEST_INVALID and stores nothing.</summary>
public sealed class Sha512DigestTests : RegistryServerTest
{
    [Fact]
    public async Task MonolithicSha512UploadIsServedUnderItsDigest()
    {
        var bytes = Encoding.UTF8.GetBytes("a layer addressed by sha512");
        var digest = OciPush.Sha512Of(bytes);
        using var post = await Alice.PostAsync($"/v2/library/app/blobs/uploads/?digest={digest}", new ByteArrayContent(bytes));
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        Assert.Equal($"/v2/library/app/blobs/{digest}", post.Headers.Location!.OriginalString);
        Assert.Equal(digest, post.Headers.GetValues("Docker-Content-Digest").Single());

        using var head = await Alice.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/library/app/blobs/{digest}"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(bytes.Length, head.Content.Headers.ContentLength);
        Assert.Equal(digest, head.Headers.GetValues("Docker-Content-Digest").Single());

        using var get = await Alice.GetAsync($"/v2/library/app/blobs/{digest}");
        Assert.Equal(digest, get.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal(bytes, await get.Content.ReadAsByteArrayAsync());
        Assert.True(File.Exists(Path.Combine(Root, "blobs", "sha512", digest[7..9], digest[7..])));

        // Stored under sha512 only: the same bytes' sha256 names nothing.
        using var bySha256 = await Alice.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/library/app/blobs/{OciPush.DigestOf(bytes)}"));
        Assert.Equal(HttpStatusCode.NotFound, bySha256.StatusCode);
        Assert.Equal(0, UploadEntryCount());
    }

    [Fact]
    public async Task ChunkedSha512UploadAcrossARestartIsVerifiedAtTheEnd()
    {
        // Larger than the block the finishing hash reads, and not a multiple of it.
        var bytes = RandomNumberGenerator.GetBytes((3 << 20) + 17);
        var digest = OciPush.Sha512Of(bytes);
        using var start = await Alice.PostAsync("/v2/library/app/blobs/uploads/", null);
        var location = start.Headers.Location!.OriginalString;
        using (var first = await PatchAsync(location, bytes[..1_000_000], "0-999999"))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }

        await RestartAsync();
        using (var second = await PatchAsync(location, bytes[1_000_000..3_000_000], "1000000-2999999"))
        {
            Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        }

        using var put = await Alice.PutAsync($"{location}?digest={digest}", new ByteArrayContent(bytes[3_000_000..]));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(digest, put.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal(bytes, await Alice.GetByteArrayAsync($"/v2/library/app/blobs/{digest}"));
        Assert.Equal(1, BlobFileCount());
        Assert.Equal(0, UploadEntryCount());
    }

    [Fact]
    public async Task Sha512MismatchStoresNothing()
    {
        var bytes = Encoding.UTF8.GetBytes("the real bytes");
        var wrong = OciPush.Sha512Of(Encoding.UTF8.GetBytes("other bytes"));
        using var monolithic = await Alice.PostAsync($"/v2/library/app/blobs/uploads/?digest={wrong}", new ByteArrayContent(bytes));
        Assert.Equal(HttpStatusCode.BadRequest, monolithic.StatusCode);
        Assert.Equal("DIGEST_INVALID", await OciPush.ErrorCodeAsync(monolithic));

        using var start = await Alice.PostAsync("/v2/library/app/blobs/uploads/", null);
        var location = start.Headers.Location!.OriginalString;
        using (await PatchAsync(location, bytes[..5], null))
        {
        }

        using var put = await Alice.PutAsync($"{location}?digest={wrong}", new ByteArrayContent(bytes[5..]));
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("DIGEST_INVALID", await OciPush.ErrorCodeAsync(put));
        using var status = await Alice.GetAsync(location);
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);

        foreach (var digest in new[] { wrong, OciPush.Sha512Of(bytes), OciPush.DigestOf(bytes) })
        {
            using var head = await Alice.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/library/app/blobs/{digest}"));
            Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        }

        Assert.Equal(0, BlobFileCount());
        Assert.Equal(0, UploadEntryCount());
    }

    public static TheoryData<string> InvalidDigests() => new()
    {
        "sha384:" + new string('a', 96),
        "sha512:" + new string('a', 64),
        "sha512:" + new string('a', 127),
        "sha512:" + new string('a', 129),
        "sha512:" + new string('A', 128),
        "sha512:" + new string('g', 128),
        "SHA512:" + new string('a', 128),
        "sha256:" + new string('A', 64),
        "blake3:" + new string('a', 64),
    };

    [Theory]
    [MemberData(nameof(InvalidDigests))]
    public async Task OtherAlgorithmsAndShapesAreInvalidAndStoreNothing(string digest)
    {
        var bytes = Encoding.UTF8.GetBytes("bytes under a bad digest");
        using (var monolithic = await Alice.PostAsync($"/v2/library/app/blobs/uploads/?digest={digest}", new ByteArrayContent(bytes)))
        {
            await AssertDigestInvalidAsync(monolithic);
        }

        using var start = await Alice.PostAsync("/v2/library/app/blobs/uploads/", null);
        var location = start.Headers.Location!.OriginalString;
        using (var put = await Alice.PutAsync($"{location}?digest={digest}", new ByteArrayContent(bytes)))
        {
            await AssertDigestInvalidAsync(put);
        }

        // The refused finish did not touch the upload: it is still empty.
        using (var status = await Alice.GetAsync(location))
        {
            Assert.Equal(HttpStatusCode.NoContent, status.StatusCode);
            Assert.Equal("0-0", status.Headers.GetValues("Range").Single());
        }

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, $"/v2/library/app/blobs/{digest}"),
            (HttpMethod.Delete, $"/v2/library/app/blobs/{digest}"),
            (HttpMethod.Get, $"/v2/library/app/manifests/{digest}"),
            (HttpMethod.Get, $"/v2/library/app/referrers/{digest}"),
            (HttpMethod.Post, $"/v2/library/app/blobs/uploads/?mount={digest}&from=library/base"),
        })
        {
            using var response = await Alice.SendAsync(new HttpRequestMessage(method, path));
            await AssertDigestInvalidAsync(response);
        }

        var manifest = await OciPush.ImageAsync(Alice, "library/app", "bad-digest");
        using (var byDigest = await Alice.PutAsync($"/v2/library/app/manifests/{digest}", OciPush.ManifestContent(manifest)))
        {
            await AssertDigestInvalidAsync(byDigest);
        }

        // A descriptor with such a digest makes the manifest invalid.
        var config = await OciPush.BlobAsync(Alice, "library/app", Encoding.UTF8.GetBytes("{}"));
        using (var descriptor = await Alice.PutAsync("/v2/library/app/manifests/v1", OciPush.ManifestContent(OciPush.ImageManifest(config, 2, digest, bytes.Length))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, descriptor.StatusCode);
            Assert.Equal("MANIFEST_INVALID", await OciPush.ErrorCodeAsync(descriptor));
        }

        // Only the image's config and layer and the "{}" config were stored.
        Assert.Equal(3, BlobFileCount());
        using var tags = await Alice.GetAsync("/v2/library/app/tags/list");
        Assert.Empty(JsonNode.Parse(await tags.Content.ReadAsStringAsync())!["tags"]!.AsArray());
    }

    [Fact]
    public async Task Sha512BlobMountsAndDeletesLikeAnyOther()
    {
        var bytes = Encoding.UTF8.GetBytes("shared sha512 base layer");
        var digest = await OciPush.BlobAsync(Alice, "library/base", bytes, OciPush.Sha512Of(bytes));

        using var mount = await Alice.PostAsync($"/v2/team/app/blobs/uploads/?mount={digest}&from=library/base", null);
        Assert.Equal(HttpStatusCode.Created, mount.StatusCode);
        Assert.Equal(digest, mount.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal(bytes, await Alice.GetByteArrayAsync($"/v2/team/app/blobs/{digest}"));
        Assert.Equal(1, BlobFileCount());

        using var delete = await Alice.DeleteAsync($"/v2/team/app/blobs/{digest}");
        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        Assert.Equal(digest, delete.Headers.GetValues("Docker-Content-Digest").Single());
        using var gone = await Alice.GetAsync($"/v2/team/app/blobs/{digest}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("BLOB_UNKNOWN", await OciPush.ErrorCodeAsync(gone));
        Assert.Equal(bytes, await Alice.GetByteArrayAsync($"/v2/library/base/blobs/{digest}"));
    }

    [Fact]
    public async Task ManifestPushedBySha512DigestReferencesSha512Blobs()
    {
        var (body, configDigest, layerDigest) = await Sha512ImageAsync("one");
        var digest = OciPush.Sha512Of(body);
        using var put = await Alice.PutAsync($"/v2/library/app/manifests/{digest}", OciPush.ManifestContent(body));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(digest, put.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal($"/v2/library/app/manifests/{digest}", put.Headers.Location!.OriginalString);

        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
        {
            using var get = await Alice.SendAsync(new HttpRequestMessage(method, $"/v2/library/app/manifests/{digest}"));
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal(digest, get.Headers.GetValues("Docker-Content-Digest").Single());
            Assert.Equal(body.Length, get.Content.Headers.ContentLength);
        }

        Assert.Equal(body, await Alice.GetByteArrayAsync($"/v2/library/app/manifests/{digest}"));

        // The manifest is stored under the algorithm it was pushed by, not also under sha256.
        using var bySha256 = await Alice.GetAsync($"/v2/library/app/manifests/{OciPush.DigestOf(body)}");
        Assert.Equal(HttpStatusCode.NotFound, bySha256.StatusCode);

        // Pushed by tag, the same body is stored under its sha256.
        using var byTag = await Alice.PutAsync("/v2/library/app/manifests/v1", OciPush.ManifestContent(body));
        Assert.Equal(HttpStatusCode.Created, byTag.StatusCode);
        Assert.Equal(OciPush.DigestOf(body), byTag.Headers.GetValues("Docker-Content-Digest").Single());
        foreach (var blob in new[] { configDigest, layerDigest })
        {
            using var get = await Alice.GetAsync($"/v2/library/app/blobs/{blob}");
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal(blob, get.Headers.GetValues("Docker-Content-Digest").Single());
        }

        // Bytes that do not match the sha512 in the URL are refused.
        var (other, _, _) = await Sha512ImageAsync("two");
        using var mismatch = await Alice.PutAsync($"/v2/library/app/manifests/{digest}", OciPush.ManifestContent(other));
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Equal("DIGEST_INVALID", await OciPush.ErrorCodeAsync(mismatch));
        Assert.Equal(body, await Alice.GetByteArrayAsync($"/v2/library/app/manifests/{digest}"));
    }

    [Fact]
    public async Task IndexAndReferrersOverSha512Manifests()
    {
        var (image, _, _) = await Sha512ImageAsync("child");
        var child = OciPush.Sha512Of(image);
        (await Alice.PutAsync($"/v2/library/app/manifests/{child}", OciPush.ManifestContent(image))).Dispose();
        var index = OciPush.Index((OciPush.OciManifest, child, image.Length));
        var indexDigest = OciPush.Sha512Of(index);
        using var putIndex = await Alice.PutAsync($"/v2/library/app/manifests/{indexDigest}", OciPush.ManifestContent(index, OciPush.OciIndex));
        Assert.Equal(HttpStatusCode.Created, putIndex.StatusCode);
        (await Alice.PutAsync("/v2/library/app/manifests/multi", OciPush.ManifestContent(index, OciPush.OciIndex))).Dispose();

        using var getIndex = await Alice.GetAsync($"/v2/library/app/manifests/{indexDigest}");
        Assert.Equal(OciPush.OciIndex, getIndex.Content.Headers.ContentType!.MediaType);
        Assert.Equal(indexDigest, getIndex.Headers.GetValues("Docker-Content-Digest").Single());

        var signature = await OciPush.ImageAsync(Alice, "library/app", "sig", child, "application/vnd.example.signature", image.Length);
        using var putSignature = await Alice.PutAsync($"/v2/library/app/manifests/{OciPush.Sha512Of(signature)}", OciPush.ManifestContent(signature));
        Assert.Equal(HttpStatusCode.Created, putSignature.StatusCode);
        Assert.Equal(child, putSignature.Headers.GetValues("OCI-Subject").Single());

        using var referrers = await Alice.GetAsync($"/v2/library/app/referrers/{child}");
        Assert.Equal(HttpStatusCode.OK, referrers.StatusCode);
        var entry = JsonNode.Parse(await referrers.Content.ReadAsStringAsync())!["manifests"]!.AsArray().Single()!;
        Assert.Equal(OciPush.Sha512Of(signature), entry["digest"]!.GetValue<string>());
        Assert.Equal(signature.Length, entry["size"]!.GetValue<long>());
    }

    /// <summary>An OCI image whose config and layer are pushed under sha512 digests.</summary>
    private async Task<(byte[] Body, string Config, string Layer)> Sha512ImageAsync(string seed)
    {
        var config = Encoding.UTF8.GetBytes($"{{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":\"{seed}\"}}");
        var layer = Encoding.UTF8.GetBytes($"sha512 layer of {seed}");
        var configDigest = await OciPush.BlobAsync(Alice, "library/app", config, OciPush.Sha512Of(config));
        var layerDigest = await OciPush.BlobAsync(Alice, "library/app", layer, OciPush.Sha512Of(layer));
        return (OciPush.ImageManifest(configDigest, config.Length, layerDigest, layer.Length), configDigest, layerDigest);
    }

    private static async Task AssertDigestInvalidAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("DIGEST_INVALID", await OciPush.ErrorCodeAsync(response));
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

using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Tke.Registry.Tests.Distribution;

public sealed class ManifestTests : RegistryServerTest
{
    [Fact]
    public async Task ImagePushedByTagIsPulledByTagAndDigest()
    {
        var body = await OciPush.ImageAsync(Alice, "library/app", "v1");
        using var put = await Alice.PutAsync("/v2/library/app/manifests/v1", OciPush.ManifestContent(body));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        var digest = OciPush.DigestOf(body);
        Assert.Equal(digest, put.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal($"/v2/library/app/manifests/{digest}", put.Headers.Location!.OriginalString);

        foreach (var reference in new[] { "v1", digest })
        {
            using var get = await Alice.GetAsync($"/v2/library/app/manifests/{reference}");
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal(OciPush.OciManifest, get.Content.Headers.ContentType!.MediaType);
            Assert.Equal(digest, get.Headers.GetValues("Docker-Content-Digest").Single());
            Assert.Equal(body, await get.Content.ReadAsByteArrayAsync());
        }

        using var head = await Alice.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v2/library/app/manifests/v1"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(body.Length, head.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task DockerSchema2AndManifestListWithNegotiation()
    {
        var amdBody = await OciPush.ImageAsync(Alice, "library/multi", "amd64", mediaType: OciPush.DockerManifest);
        var amdDigest = await OciPush.ManifestAsync(Alice, "library/multi", OciPush.DigestOf(amdBody), amdBody, OciPush.DockerManifest);
        var armBody = await OciPush.ImageAsync(Alice, "library/multi", "arm64", mediaType: OciPush.DockerManifest);
        var armDigest = await OciPush.ManifestAsync(Alice, "library/multi", OciPush.DigestOf(armBody), armBody, OciPush.DockerManifest);
        var list = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciPush.DockerList,
            ["manifests"] = new JsonArray(
                new JsonObject { ["mediaType"] = OciPush.DockerManifest, ["digest"] = armDigest, ["size"] = armBody.Length, ["platform"] = new JsonObject { ["architecture"] = "arm64", ["os"] = "linux" } },
                new JsonObject { ["mediaType"] = OciPush.DockerManifest, ["digest"] = amdDigest, ["size"] = amdBody.Length, ["platform"] = new JsonObject { ["architecture"] = "amd64", ["os"] = "linux" } }),
        }.ToJsonString());
        await OciPush.ManifestAsync(Alice, "library/multi", "latest", list, OciPush.DockerList);

        var both = new HttpRequestMessage(HttpMethod.Get, "/v2/library/multi/manifests/latest");
        both.Headers.TryAddWithoutValidation("Accept", $"{OciPush.DockerManifest}, {OciPush.DockerList}");
        using var listResponse = await Alice.SendAsync(both);
        Assert.Equal(OciPush.DockerList, listResponse.Content.Headers.ContentType!.MediaType);

        // A client that reads only image manifests gets the list's linux/amd64 image.
        var imageOnly = new HttpRequestMessage(HttpMethod.Get, "/v2/library/multi/manifests/latest");
        imageOnly.Headers.TryAddWithoutValidation("Accept", OciPush.DockerManifest);
        using var imageResponse = await Alice.SendAsync(imageOnly);
        Assert.Equal(HttpStatusCode.OK, imageResponse.StatusCode);
        Assert.Equal(amdDigest, imageResponse.Headers.GetValues("Docker-Content-Digest").Single());

        var ociOnly = new HttpRequestMessage(HttpMethod.Get, $"/v2/library/multi/manifests/{amdDigest}");
        ociOnly.Headers.TryAddWithoutValidation("Accept", OciPush.OciManifest);
        using var refused = await Alice.SendAsync(ociOnly);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("MANIFEST_UNKNOWN", await OciPush.ErrorCodeAsync(refused));
    }

    [Fact]
    public async Task ManifestWithMissingBlobIsRefusedAndNotStored()
    {
        var config = await OciPush.BlobAsync(Alice, "library/app", Encoding.UTF8.GetBytes("{}"));
        var missingLayer = OciPush.DigestOf(Encoding.UTF8.GetBytes("never pushed"));
        var body = OciPush.ImageManifest(config, 2, missingLayer, 12);
        using var put = await Alice.PutAsync("/v2/library/app/manifests/v1", OciPush.ManifestContent(body));
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("MANIFEST_BLOB_UNKNOWN", await OciPush.ErrorCodeAsync(put));
        using var get = await Alice.GetAsync("/v2/library/app/manifests/v1");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("MANIFEST_UNKNOWN", await OciPush.ErrorCodeAsync(get));

        // A blob of another repository does not count either.
        var elsewhere = await OciPush.BlobAsync(Alice, "team/app", Encoding.UTF8.GetBytes("team layer"));
        using var foreign = await Alice.PutAsync("/v2/library/app/manifests/v1", OciPush.ManifestContent(OciPush.ImageManifest(config, 2, elsewhere, 10)));
        Assert.Equal("MANIFEST_BLOB_UNKNOWN", await OciPush.ErrorCodeAsync(foreign));
    }

    [Fact]
    public async Task IndexWithMissingChildIsRefused()
    {
        var index = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciPush.OciIndex,
            ["manifests"] = new JsonArray(new JsonObject { ["mediaType"] = OciPush.OciManifest, ["digest"] = OciPush.DigestOf([1]), ["size"] = 1 }),
        }.ToJsonString());
        using var put = await Alice.PutAsync("/v2/library/app/manifests/multi", OciPush.ManifestContent(index, OciPush.OciIndex));
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("MANIFEST_UNKNOWN", await OciPush.ErrorCodeAsync(put));
    }

    [Fact]
    public async Task OversizedAndMalformedManifestsAreRefused()
    {
        var huge = new byte[(4 * 1024 * 1024) + 1];
        huge.AsSpan().Fill((byte)' ');
        using var tooLarge = await Alice.PutAsync("/v2/library/app/manifests/big", OciPush.ManifestContent(huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("MANIFEST_INVALID", await OciPush.ErrorCodeAsync(tooLarge));

        using var notJson = await Alice.PutAsync("/v2/library/app/manifests/bad", OciPush.ManifestContent(Encoding.UTF8.GetBytes("{not json")));
        Assert.Equal("MANIFEST_INVALID", await OciPush.ErrorCodeAsync(notJson));

        using var schema1 = await Alice.PutAsync("/v2/library/app/manifests/old", OciPush.ManifestContent(Encoding.UTF8.GetBytes("{\"schemaVersion\":1}")));
        Assert.Equal("MANIFEST_INVALID", await OciPush.ErrorCodeAsync(schema1));

        var body = await OciPush.ImageAsync(Alice, "library/app", "x");
        using var wrongDigest = await Alice.PutAsync($"/v2/library/app/manifests/{OciPush.DigestOf([9])}", OciPush.ManifestContent(body));
        Assert.Equal(HttpStatusCode.BadRequest, wrongDigest.StatusCode);
        Assert.Equal("DIGEST_INVALID", await OciPush.ErrorCodeAsync(wrongDigest));

        using var tags = await Alice.GetAsync("/v2/library/app/tags/list");
        Assert.Empty(JsonNode.Parse(await tags.Content.ReadAsStringAsync())!["tags"]!.AsArray());
    }

    [Theory]
    [InlineData("/v2/Library/App/tags/list", "NAME_INVALID")]
    [InlineData("/v2/single/tags/list", "NAME_INVALID")]
    [InlineData("/v2/library/app-/tags/list", "NAME_INVALID")]
    [InlineData("/v2/library/app/manifests/-tag", "TAG_INVALID")]
    [InlineData("/v2/library/app/manifests/sha256:abc", "DIGEST_INVALID")]
    [InlineData("/v2/library/app/blobs/md5:abc", "DIGEST_INVALID")]
    public async Task InvalidNamesTagsAndDigests(string path, string code)
    {
        using var response = await Alice.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, await OciPush.ErrorCodeAsync(response));
    }

    [Fact]
    public async Task PutWithInvalidTagStoresNothing()
    {
        var body = await OciPush.ImageAsync(Alice, "library/app", "t");
        var tag = new string('a', 129);
        using var put = await Alice.PutAsync($"/v2/library/app/manifests/{tag}", OciPush.ManifestContent(body));
        Assert.Equal("TAG_INVALID", await OciPush.ErrorCodeAsync(put));
        using var get = await Alice.GetAsync($"/v2/library/app/manifests/{OciPush.DigestOf(body)}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task DeletingATagKeepsTheManifestAndDeletingTheDigestRemovesAllTags()
    {
        var body = await OciPush.ImageAsync(Alice, "library/app", "d");
        var digest = await OciPush.ManifestAsync(Alice, "library/app", "v1", body);
        await OciPush.ManifestAsync(Alice, "library/app", "v2", body);

        using var deleteTag = await Alice.DeleteAsync("/v2/library/app/manifests/v1");
        Assert.Equal(HttpStatusCode.Accepted, deleteTag.StatusCode);
        using (var gone = await Alice.GetAsync("/v2/library/app/manifests/v1"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        using (var stillThere = await Alice.GetAsync($"/v2/library/app/manifests/{digest}"))
        {
            Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        }

        using var deleteDigest = await Alice.DeleteAsync($"/v2/library/app/manifests/{digest}");
        Assert.Equal(HttpStatusCode.Accepted, deleteDigest.StatusCode);
        using (var v2 = await Alice.GetAsync("/v2/library/app/manifests/v2"))
        {
            Assert.Equal(HttpStatusCode.NotFound, v2.StatusCode);
        }

        using var again = await Alice.DeleteAsync($"/v2/library/app/manifests/{digest}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("MANIFEST_UNKNOWN", await OciPush.ErrorCodeAsync(again));
    }

    [Fact]
    public async Task ReferrersListsManifestsWithTheSubjectAndFiltersByArtifactType()
    {
        var image = await OciPush.ImageAsync(Alice, "library/app", "subject");
        var subject = await OciPush.ManifestAsync(Alice, "library/app", "v1", image);
        var signature = await OciPush.ImageAsync(Alice, "library/app", "sig", subject, "application/vnd.example.signature", image.Length);
        using var put = await Alice.PutAsync($"/v2/library/app/manifests/{OciPush.DigestOf(signature)}", OciPush.ManifestContent(signature));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(subject, put.Headers.GetValues("OCI-Subject").Single());

        using var all = await Alice.GetAsync($"/v2/library/app/referrers/{subject}");
        Assert.Equal(OciPush.OciIndex, all.Content.Headers.ContentType!.MediaType);
        var index = JsonNode.Parse(await all.Content.ReadAsStringAsync())!;
        var entry = index["manifests"]!.AsArray().Single()!;
        Assert.Equal(OciPush.DigestOf(signature), entry["digest"]!.GetValue<string>());
        Assert.Equal("application/vnd.example.signature", entry["artifactType"]!.GetValue<string>());
        Assert.Equal("signature", entry["annotations"]!["org.example.kind"]!.GetValue<string>());

        using var filtered = await Alice.GetAsync($"/v2/library/app/referrers/{subject}?artifactType=application/vnd.example.sbom");
        Assert.Equal("artifactType", filtered.Headers.GetValues("OCI-Filters-Applied").Single());
        Assert.Empty(JsonNode.Parse(await filtered.Content.ReadAsStringAsync())!["manifests"]!.AsArray());
    }

    [Fact]
    public async Task EventsReportPushPullAndDelete()
    {
        var body = await OciPush.ImageAsync(Alice, "library/app", "e");
        var digest = await OciPush.ManifestAsync(Alice, "library/app", "v1", body);
        (await Alice.GetAsync("/v2/library/app/manifests/v1")).Dispose();
        (await Alice.DeleteAsync("/v2/library/app/manifests/v1")).Dispose();

        var expected = new[] { $"pushed t1 library/app v1 {digest}", $"pulled t1 library/app v1 {digest}", $"deleted t1 library/app v1 {digest}" };
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Server.Recorded.Events.Count < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        var events = Server.Recorded.Events.ToArray();
        Assert.Equal(3, events.Length);
        Assert.StartsWith(expected[0], events[0], StringComparison.Ordinal);
        var blobs = Encoding.UTF8.GetByteCount("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":\"e\"}") + Encoding.UTF8.GetByteCount("layer of e");
        Assert.Equal(body.Length + blobs, long.Parse(events[0].Split(' ')[^1]));
        Assert.Equal(expected[1], events[1]);
        Assert.Equal(expected[2], events[2]);
    }
}

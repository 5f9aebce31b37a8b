using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Tke.Registry.Tests.Distribution;

/// <summary>A descriptor's size must be that of the content it points at: a client trusting it
/// would read a truncated or overlong blob. A wrong one is MANIFEST_INVALID and changes nothing.</summary>
public sealed class DescriptorSizeTests : RegistryServerTest
{
    private static readonly byte[] Config = Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\"}");
    private static readonly byte[] Layer = Encoding.UTF8.GetBytes("a layer of known size");

    [Theory]
    [InlineData("config", 1)]
    [InlineData("config", -1)]
    [InlineData("layer", 1)]
    [InlineData("layer", -1)]
    public async Task WrongBlobSizeIsRefusedNamingTheDigest(string wrong, int delta)
    {
        var (previous, config, layer) = await TagV1Async();
        var body = OciPush.ImageManifest(
            config, Config.Length + (wrong == "config" ? delta : 0),
            layer, Layer.Length + (wrong == "layer" ? delta : 0));

        using var put = await Alice.PutAsync("/v2/library/app/manifests/v1", OciPush.ManifestContent(body));

        await AssertSizeRefusedAsync(put, wrong == "config" ? config : layer);
        await AssertUnchangedAsync(previous, OciPush.DigestOf(body));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public async Task WrongChildManifestSizeOfAnIndexIsRefused(int delta)
    {
        var (previous, _, _) = await TagV1Async();
        var child = await Alice.GetByteArrayAsync($"/v2/library/app/manifests/{previous}");
        var index = OciPush.Index((OciPush.OciManifest, previous, child.Length + delta));

        using var put = await Alice.PutAsync("/v2/library/app/manifests/v1", OciPush.ManifestContent(index, OciPush.OciIndex));

        await AssertSizeRefusedAsync(put, previous);
        await AssertUnchangedAsync(previous, OciPush.DigestOf(index));

        // By digest, with the right size, the same index is accepted.
        var right = OciPush.Index((OciPush.OciManifest, previous, child.Length));
        await OciPush.ManifestAsync(Alice, "library/app", OciPush.DigestOf(right), right, OciPush.OciIndex);
    }

    [Fact]
    public async Task WrongSizeOfASha512BlobIsRefused()
    {
        var config = await OciPush.BlobAsync(Alice, "library/app", Config, OciPush.Sha512Of(Config));
        var layer = await OciPush.BlobAsync(Alice, "library/app", Layer, OciPush.Sha512Of(Layer));
        var body = OciPush.ImageManifest(config, Config.Length, layer, Layer.Length + 100);

        using var put = await Alice.PutAsync($"/v2/library/app/manifests/{OciPush.Sha512Of(body)}", OciPush.ManifestContent(body));

        await AssertSizeRefusedAsync(put, layer);
        using var get = await Alice.GetAsync($"/v2/library/app/manifests/{OciPush.Sha512Of(body)}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task TwoDescriptorsOfOneBlobWithDifferentSizesAreInvalid()
    {
        var (previous, config, layer) = await TagV1Async();
        var manifest = JsonNode.Parse(OciPush.ImageManifest(config, Config.Length, layer, Layer.Length))!;
        manifest["layers"]!.AsArray().Add(new JsonObject { ["mediaType"] = "application/vnd.oci.image.layer.v1.tar+gzip", ["digest"] = layer, ["size"] = Layer.Length + 1 });
        var body = Encoding.UTF8.GetBytes(manifest.ToJsonString());

        using var put = await Alice.PutAsync("/v2/library/app/manifests/v1", OciPush.ManifestContent(body));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("MANIFEST_INVALID", await OciPush.ErrorCodeAsync(put));
        Assert.Contains(layer, await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertUnchangedAsync(previous, OciPush.DigestOf(body));
    }

    [Fact]
    public async Task BlobOfAnotherRepositoryStaysUnknownWhateverItsSize()
    {
        var (previous, config, _) = await TagV1Async();
        var foreign = Encoding.UTF8.GetBytes("a layer only team/app has");
        var elsewhere = await OciPush.BlobAsync(Alice, "team/app", foreign);

        foreach (var size in new[] { foreign.Length, foreign.Length + 1 })
        {
            var body = OciPush.ImageManifest(config, Config.Length, elsewhere, size);
            using var put = await Alice.PutAsync("/v2/library/app/manifests/v1", OciPush.ManifestContent(body));
            Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
            Assert.Equal("MANIFEST_BLOB_UNKNOWN", await OciPush.ErrorCodeAsync(put));
            await AssertUnchangedAsync(previous, OciPush.DigestOf(body));
        }
    }

    /// <summary>Pushes the config and layer and tags an image over them v1; returns its digest.</summary>
    private async Task<(string Manifest, string Config, string Layer)> TagV1Async()
    {
        var config = await OciPush.BlobAsync(Alice, "library/app", Config);
        var layer = await OciPush.BlobAsync(Alice, "library/app", Layer);
        var body = OciPush.ImageManifest(config, Config.Length, layer, Layer.Length);
        return (await OciPush.ManifestAsync(Alice, "library/app", "v1", body), config, layer);
    }

    private static async Task AssertSizeRefusedAsync(HttpResponseMessage put, string digest)
    {
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var error = JsonNode.Parse(await put.Content.ReadAsStringAsync())!["errors"]![0]!;
        Assert.Equal("MANIFEST_INVALID", error["code"]!.GetValue<string>());
        Assert.Equal(digest, error["detail"]!["digest"]!.GetValue<string>());
        Assert.Contains(digest, error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>v1 still names <paramref name="previous"/>, the refused manifest is not stored, and the
    /// repository holds only v1.</summary>
    private async Task AssertUnchangedAsync(string previous, string refused)
    {
        using var v1 = await Alice.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v2/library/app/manifests/v1"));
        Assert.Equal(HttpStatusCode.OK, v1.StatusCode);
        Assert.Equal(previous, v1.Headers.GetValues("Docker-Content-Digest").Single());
        using var get = await Alice.GetAsync($"/v2/library/app/manifests/{refused}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        using var tags = await Alice.GetAsync("/v2/library/app/tags/list");
        Assert.Equal(["v1"], JsonNode.Parse(await tags.Content.ReadAsStringAsync())!["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
    }
}

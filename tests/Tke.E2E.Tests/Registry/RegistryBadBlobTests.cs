using System.Net;
using System.Security.Cryptography;

namespace Tke.E2E.Tests.Registry;

/// <summary>Blob uploads whose bytes do not match their digest are refused and leave nothing behind.</summary>
[Collection(RegistryServerCollection.Name)]
public sealed class RegistryBadBlobTests(RegistryServerFixture fixture)
{
    [Fact]
    public async Task A_monolithic_upload_with_a_mismatching_digest_is_DIGEST_INVALID_and_stores_nothing()
    {
        var ns = await fixture.CreateNamespaceAsync("corrupt", "Private");
        var key = await fixture.AdminApiKeyAsync();
        using var http = fixture.Server.CreateHttpClient(null);
        var content = RandomNumberGenerator.GetBytes(4096);
        var actual = Hex(content);
        var claimed = Hex(RandomNumberGenerator.GetBytes(16));

        using var refused = await RegistryTokenFlow.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Post, $"/v2/{ns}/app/blobs/uploads/?digest=sha256:{claimed}")
        {
            Content = new ByteArrayContent(content) { Headers = { ContentType = new("application/octet-stream") } },
        }, "tkestack", key);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("DIGEST_INVALID", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The same through a session: POST, PUT with the bytes and a wrong digest.
        using var started = await RegistryTokenFlow.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Post, $"/v2/{ns}/app/blobs/uploads/"), "tkestack", key);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var location = started.Headers.Location!;
        var separator = location.OriginalString.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        using var finished = await RegistryTokenFlow.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Put, location.OriginalString + separator + "digest=sha256:" + claimed)
        {
            Content = new ByteArrayContent(content) { Headers = { ContentType = new("application/octet-stream") } },
        }, "tkestack", key);
        Assert.Equal(HttpStatusCode.BadRequest, finished.StatusCode);
        Assert.Contains("DIGEST_INVALID", await finished.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        foreach (var digest in new[] { actual, claimed })
        {
            using var head = await RegistryTokenFlow.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Head, $"/v2/{ns}/app/blobs/sha256:{digest}"), "tkestack", key);
            Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        }

        var stored = Directory.EnumerateFiles(Path.Combine(fixture.Server.DataDir, "registry"), "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f).Contains(actual, StringComparison.Ordinal) || Path.GetFileName(f).Contains(claimed, StringComparison.Ordinal))
            .ToList();
        Assert.Empty(stored);
    }

    [Fact]
    public async Task A_correct_monolithic_upload_is_created_at_its_digest()
    {
        var ns = await fixture.CreateNamespaceAsync("blob", "Private");
        var key = await fixture.AdminApiKeyAsync();
        using var http = fixture.Server.CreateHttpClient(null);
        var content = RandomNumberGenerator.GetBytes(100_000);
        var digest = "sha256:" + Hex(content);

        using var created = await RegistryTokenFlow.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Post, $"/v2/{ns}/app/blobs/uploads/?digest={digest}")
        {
            Content = new ByteArrayContent(content) { Headers = { ContentType = new("application/octet-stream") } },
        }, "tkestack", key);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(digest, created.Headers.GetValues("Docker-Content-Digest").Single());

        using var ranged = await RegistryTokenFlow.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Get, $"/v2/{ns}/app/blobs/{digest}")
        {
            Headers = { Range = new System.Net.Http.Headers.RangeHeaderValue(10, 19) },
        }, "tkestack", key);
        Assert.Equal(HttpStatusCode.PartialContent, ranged.StatusCode);
        Assert.Equal(content[10..20], await ranged.Content.ReadAsByteArrayAsync());
    }

    private static string Hex(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}

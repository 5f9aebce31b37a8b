using System.Net;
using System.Text;
using Tke.Registry.Storage;
using Tke.Registry.Tests.Distribution;

namespace Tke.Registry.Tests.Storage;

public sealed class GarbageCollectionTests : RegistryServerTest
{
    [Fact]
    public async Task KeepsReferencedAndYoungBlobsAndRemovesOldOrphans()
    {
        var manifest = await OciPush.ImageAsync(Alice, "library/app", "kept");
        await OciPush.ManifestAsync(Alice, "library/app", "v1", manifest);
        var orphan = await OciPush.BlobAsync(Alice, "library/app", Encoding.UTF8.GetBytes("nobody references me"));
        var young = await OciPush.BlobAsync(Alice, "library/app", Encoding.UTF8.GetBytes("uploaded for a manifest not yet pushed"));
        Assert.Equal(4, BlobFileCount());
        Age(orphan);
        foreach (var referenced in Directory.EnumerateFiles(Path.Combine(Root, "blobs"), "*", SearchOption.AllDirectories))
        {
            if (!referenced.EndsWith(young[7..], StringComparison.Ordinal))
            {
                File.SetLastWriteTimeUtc(referenced, DateTime.UtcNow.AddDays(-2));
            }
        }

        var result = await new RegistryGarbageCollector(Server.Storage, TimeSpan.FromHours(1), TimeSpan.FromDays(1)).CollectAsync();

        Assert.Equal(1, result.BlobsDeleted);
        Assert.Equal(3, BlobFileCount());
        Assert.False(File.Exists(Server.Storage.Blobs.PathOf(Parse(orphan))));
        using (var gone = await Alice.GetAsync($"/v2/library/app/blobs/{orphan}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        using (var pull = await Alice.GetAsync("/v2/library/app/manifests/v1"))
        {
            Assert.Equal(HttpStatusCode.OK, pull.StatusCode);
        }

        using var kept = await Alice.GetAsync($"/v2/library/app/blobs/{young}");
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
    }

    [Fact]
    public async Task BlobsOfADeletedManifestAreCollectedButSharedOnesStay()
    {
        var first = await OciPush.ImageAsync(Alice, "library/app", "one");
        var firstDigest = await OciPush.ManifestAsync(Alice, "library/app", "v1", first);
        // Tenant t2 pushes the same bytes: the blob files are shared, and t2 still references them.
        using var carol = Server.Client("carol", "carol-pw");
        await OciPush.ManifestAsync(carol, "library/app", "v1", await OciPush.ImageAsync(carol, "library/app", "one"));
        var second = await OciPush.ImageAsync(Alice, "library/app", "two");
        await OciPush.ManifestAsync(Alice, "library/app", "v2", second);
        (await Alice.DeleteAsync($"/v2/library/app/manifests/{firstDigest}")).Dispose();
        (await carol.DeleteAsync("/v2/library/app/manifests/v1")).Dispose();
        AgeAll();
        var collector = new RegistryGarbageCollector(Server.Storage, TimeSpan.FromHours(1), TimeSpan.FromDays(1));

        var result = await collector.CollectAsync();

        // Deleting by tag in t2 left its manifest, so the shared blobs stay; v2's blobs stay too.
        Assert.Equal(0, result.BlobsDeleted);
        (await carol.DeleteAsync($"/v2/library/app/manifests/{firstDigest}")).Dispose();
        Assert.Equal(2, (await collector.CollectAsync()).BlobsDeleted);
        Assert.Equal(2, BlobFileCount());
        using var v2 = await Alice.GetAsync("/v2/library/app/manifests/v2");
        Assert.Equal(HttpStatusCode.OK, v2.StatusCode);
    }

    [Fact]
    public async Task Sha512BlobsAreCollectedAndKeptLikeSha256Ones()
    {
        byte[] config = Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\"}"), layer = Encoding.UTF8.GetBytes("a sha512 layer");
        var configDigest = await OciPush.BlobAsync(Alice, "library/app", config, OciPush.Sha512Of(config));
        var layerDigest = await OciPush.BlobAsync(Alice, "library/app", layer, OciPush.Sha512Of(layer));
        var manifest = OciPush.ImageManifest(configDigest, config.Length, layerDigest, layer.Length);
        await OciPush.ManifestAsync(Alice, "library/app", OciPush.Sha512Of(manifest), manifest);
        var orphanBytes = Encoding.UTF8.GetBytes("a sha512 blob nobody references");
        var orphan = await OciPush.BlobAsync(Alice, "library/app", orphanBytes, OciPush.Sha512Of(orphanBytes));
        // The same bytes under sha256: another blob, also unreferenced.
        var orphanSha256 = await OciPush.BlobAsync(Alice, "library/app", orphanBytes);
        Assert.Equal(4, BlobFileCount());
        AgeAll();

        var result = await new RegistryGarbageCollector(Server.Storage, TimeSpan.FromHours(1), TimeSpan.FromDays(1)).CollectAsync();

        Assert.Equal(2, result.BlobsDeleted);
        Assert.Equal(2L * orphanBytes.Length, result.BytesFreed);
        Assert.False(File.Exists(Server.Storage.Blobs.PathOf(Parse(orphan))));
        Assert.Equal(2, BlobFileCount());
        foreach (var gone in new[] { orphan, orphanSha256 })
        {
            using var get = await Alice.GetAsync($"/v2/library/app/blobs/{gone}");
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        }

        foreach (var kept in new[] { configDigest, layerDigest })
        {
            using var get = await Alice.GetAsync($"/v2/library/app/blobs/{kept}");
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        }

        // Once its manifest is deleted, the sha512 blobs go too.
        (await Alice.DeleteAsync($"/v2/library/app/manifests/{OciPush.Sha512Of(manifest)}")).Dispose();
        Assert.Equal(2, (await new RegistryGarbageCollector(Server.Storage, TimeSpan.FromHours(1), TimeSpan.FromDays(1)).CollectAsync()).BlobsDeleted);
        Assert.Equal(0, BlobFileCount());
    }

    [Fact]
    public async Task CollectionRunningWithPushesNeverBreaksAPushedImage()
    {
        var collector = new RegistryGarbageCollector(Server.Storage, TimeSpan.Zero, TimeSpan.FromDays(1));
        var pushes = Enumerable.Range(0, 20).Select(async i =>
        {
            var body = await OciPush.ImageAsync(Alice, "library/app", $"concurrent-{i}");
            using var response = await Alice.PutAsync($"/v2/library/app/manifests/t{i}", OciPush.ManifestContent(body));
            return (i, response.StatusCode);
        }).ToList();
        var collections = Enumerable.Range(0, 5).Select(_ => collector.CollectAsync()).ToList();
        var results = await Task.WhenAll(pushes);
        await Task.WhenAll(collections);
        await collector.CollectAsync();

        // With no grace period a push may lose its blobs before its manifest arrives (then it is
        // refused); an accepted manifest always keeps every blob it references.
        foreach (var (i, status) in results.Where(r => r.StatusCode == HttpStatusCode.Created))
        {
            using var manifest = await Alice.GetAsync($"/v2/library/app/manifests/t{i}");
            var body = System.Text.Json.Nodes.JsonNode.Parse(await manifest.Content.ReadAsStringAsync())!;
            foreach (var digest in new[] { body["config"]!["digest"]!, body["layers"]![0]!["digest"]! })
            {
                using var blob = await Alice.GetAsync($"/v2/library/app/blobs/{digest.GetValue<string>()}");
                Assert.Equal(HttpStatusCode.OK, blob.StatusCode);
            }
        }

        Assert.All(results, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task MetadataSurvivesARestart()
    {
        var body = await OciPush.ImageAsync(Alice, "library/app", "durable");
        var digest = await OciPush.ManifestAsync(Alice, "library/app", "v1", body);
        await RestartAsync();
        using var get = await Alice.GetAsync("/v2/library/app/manifests/v1");
        Assert.Equal(digest, get.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal(body, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ManyConcurrentManifestPutsAllLand()
    {
        var body = await OciPush.ImageAsync(Alice, "library/app", "many");
        var text = Encoding.UTF8.GetString(body);
        var clients = Enumerable.Range(0, 8).Select(_ => Server.Client("alice", "alice-pw")).ToList();
        var tasks = Enumerable.Range(0, 400).Select(async i =>
        {
            var distinct = Encoding.UTF8.GetBytes(text[..^1] + $",\"annotations\":{{\"n\":\"{i}\"}}}}");
            using var response = await clients[i % 8].PutAsync($"/v2/library/app/manifests/tag-{i}", OciPush.ManifestContent(distinct));
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(tasks);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal(400, Server.Storage.Metadata.ListTags(new RepositoryKey("t1", "library/app"), null, 1000).Count);
        clients.ForEach(c => c.Dispose());
    }

    private void Age(string digest) => File.SetLastWriteTimeUtc(Server.Storage.Blobs.PathOf(Parse(digest)), DateTime.UtcNow.AddDays(-2));

    private void AgeAll()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "blobs"), "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddDays(-2));
        }
    }

    private static Digest Parse(string digest) => Digest.TryParse(digest, out var parsed) ? parsed.Value : throw new ArgumentException(digest);
}

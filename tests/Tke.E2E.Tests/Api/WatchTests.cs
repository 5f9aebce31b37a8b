using System.Text.Json.Nodes;
using Tke.E2E.Tests.Hosting;
using Tke.E2E.Tests.Resources;

namespace Tke.E2E.Tests.Api;

/// <summary>Watches over raw HTTP: resuming from a resourceVersion and bookmarks.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class WatchTests(TkeServerFixture server)
{
    private ResourceClient Clusters => ResourceClient.Clusters(server.Server);

    [Fact]
    public async Task Watch_from_a_resource_version_sends_only_later_events()
    {
        var labels = ClusterManifest.Label("e2e", "resume");
        await Clusters.CreateExpectingSuccessAsync(ClusterManifest.Json("cls-e2eresumea", labels: labels));
        var from = (await Clusters.ListAsync("?labelSelector=e2e%3Dresume")).Expect(200).ResourceVersion;
        await Clusters.CreateExpectingSuccessAsync(ClusterManifest.Json("cls-e2eresumeb", labels: labels));
        (await Clusters.MergePatchAsync("cls-e2eresumea", JsonNode.Parse("""{"spec":{"displayName":"resumed"}}""")!)).Expect(200);
        (await Clusters.DeleteAsync("cls-e2eresumeb")).Expect(200);

        await using var watch = await WatchStream.OpenAsync(server.Http, $"{Clusters.CollectionPath}?watch=1&labelSelector=e2e%3Dresume&resourceVersion={from}");
        Assert.Equal(200, watch.Code);

        var events = new List<JsonObject>();
        for (var i = 0; i < 3; i++)
        {
            events.Add(await watch.NextChangeAsync());
        }

        Assert.Equal(["ADDED cls-e2eresumeb", "MODIFIED cls-e2eresumea", "DELETED cls-e2eresumeb"], events.Select(WatchStream.TypeAndName));
        Assert.Equal("resumed", (string?)events[1]["object"]!["spec"]!["displayName"]);
        var versions = events.Select(e => long.Parse((string)e["object"]!["metadata"]!["resourceVersion"]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(versions, v => Assert.True(v > long.Parse(from!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(versions.Order(), versions);

        // Later changes keep coming on the same stream.
        await Clusters.CreateExpectingSuccessAsync(ClusterManifest.Json("cls-e2eresumec", labels: labels));
        Assert.Equal("ADDED cls-e2eresumec", WatchStream.TypeAndName(await watch.NextChangeAsync()));
    }

    [Fact]
    public async Task Watch_without_a_resource_version_starts_with_the_current_objects()
    {
        var labels = ClusterManifest.Label("e2e", "initial");
        await Clusters.CreateExpectingSuccessAsync(ClusterManifest.Json("cls-e2einitial", labels: labels));

        await using var watch = await WatchStream.OpenAsync(server.Http, $"{Clusters.CollectionPath}?watch=1&labelSelector=e2e%3Dinitial");

        Assert.Equal("ADDED cls-e2einitial", WatchStream.TypeAndName(await watch.NextChangeAsync()));
    }

    [Fact]
    public async Task Watch_allowing_bookmarks_receives_a_bookmark_with_a_resource_version()
    {
        var current = (await Clusters.ListAsync()).Expect(200).ResourceVersion!;

        await using var watch = await WatchStream.OpenAsync(server.Http, $"{Clusters.CollectionPath}?watch=1&allowWatchBookmarks=true&resourceVersion={current}&labelSelector=e2e%3Dbookmark");
        Assert.Equal(200, watch.Code);

        var bookmark = await watch.NextAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("BOOKMARK", (string?)bookmark["type"]);
        Assert.Equal("Cluster", (string?)bookmark["object"]!["kind"]);
        Assert.Equal("platform.tkestack.io/v1", (string?)bookmark["object"]!["apiVersion"]);
        var revision = long.Parse((string)bookmark["object"]!["metadata"]!["resourceVersion"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(revision >= long.Parse(current, System.Globalization.CultureInfo.InvariantCulture));
    }
}

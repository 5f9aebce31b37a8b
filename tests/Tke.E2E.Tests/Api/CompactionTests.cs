using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tke.E2E.Tests.Hosting;
using Tke.E2E.Tests.Resources;

namespace Tke.E2E.Tests.Api;

/// <summary>Once history is compacted past a resourceVersion, reads at it are 410 Gone (reason Expired).</summary>
[Collection(CompactingServerCollection.Name)]
public sealed partial class CompactionTests(CompactingServerFixture server)
{
    private ResourceClient Clusters => ResourceClient.Clusters(server.Server);

    [Fact]
    public async Task Watch_and_exact_list_at_a_compacted_resource_version_are_410_expired()
    {
        await Clusters.CreateExpectingSuccessAsync(ClusterManifest.Json("cls-e2ecompacta"));
        var old = (await Clusters.ListAsync()).Expect(200).ResourceVersion!;
        await Clusters.CreateExpectingSuccessAsync(ClusterManifest.Json("cls-e2ecompactb"));
        (await Clusters.MergePatchAsync("cls-e2ecompacta", JsonNode.Parse("""{"spec":{"displayName":"later"}}""")!)).Expect(200);

        // Each compaction tick compacts to the revision of the tick before, so wait for it to pass `old`.
        await WaitForCompactionPastAsync(long.Parse(old, CultureInfo.InvariantCulture));

        await using (var watch = await WatchStream.OpenAsync(server.Http, $"{Clusters.CollectionPath}?watch=1&resourceVersion={old}"))
        {
            var body = JsonNode.Parse(await watch.ReadToEndAsync())!;
            Assert.True(watch.Code == 410, $"watch from {old}: {watch.Code} {body.ToJsonString()}");
            Assert.Equal("Expired", (string?)body["reason"]);
            Assert.Equal(410, (int?)body["code"]);
        }

        var list = await Clusters.ListAsync($"?resourceVersion={old}&resourceVersionMatch=Exact");
        list.Expect(410);
        Assert.Equal("Expired", list.Reason);

        // The current state stays readable.
        Assert.Equal(["cls-e2ecompacta", "cls-e2ecompactb"], (await Clusters.ListAsync()).Expect(200).ItemNames);
    }

    private async Task WaitForCompactionPastAsync(long revision)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var compacted = 0L;
        while (DateTime.UtcNow < deadline)
        {
            var metrics = (await ResourceClient.SendAsync(server.Http, HttpMethod.Get, "/metrics", null, server.Server.Output)).Expect(200).Text;
            var match = CompactedRevision().Match(metrics);
            Assert.True(match.Success, "no tke_storage_compacted_revision in /metrics");
            compacted = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            if (compacted > revision)
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new Xunit.Sdk.XunitException($"storage was not compacted past {revision} (compacted: {compacted}):\n{server.ServerOutputTail}");
    }

    [GeneratedRegex(@"(?m)^tke_storage_compacted_revision (\d+)")]
    private static partial Regex CompactedRevision();
}

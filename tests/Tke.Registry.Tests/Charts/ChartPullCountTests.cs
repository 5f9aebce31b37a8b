using System.Net;
using Tke.Registry.Apis;
using Tke.Registry.Distribution;
using Tke.Registry.Resources;

namespace Tke.Registry.Tests.Charts;

/// <summary>Chart downloads counted into the Chart objects' status.pullCount, off the request path.</summary>
public sealed class ChartPullCountTests : IAsyncLifetime
{
    private ChartRepositoryServer _server = null!;

    public async Task InitializeAsync() => _server = await ChartRepositoryServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Every_full_download_of_an_archive_counts_one_pull_on_its_chart()
    {
        var group = await _server.CreateGroupAsync("team-charts");
        var web1 = TestCharts.Package("web", "1.0.0");
        await _server.UploadAsync("team-charts", web1);
        await _server.UploadAsync("team-charts", TestCharts.Package("web", "1.1.0"));
        await _server.UploadAsync("team-charts", TestCharts.Package("api", "0.1.0"));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(web1, await _server.Client.GetByteArrayAsync("/chart/team-charts/charts/web-1.0.0.tgz"));
        }

        // Both versions count for the one chart; another chart keeps its own count.
        await _server.Client.GetByteArrayAsync("/chart/team-charts/charts/web-1.1.0.tgz");
        await _server.Client.GetByteArrayAsync("/chart/team-charts/charts/api-0.1.0.tgz");
        await _server.DeliverPullsAsync();

        Assert.Equal(new Dictionary<string, int> { ["web"] = 4, ["api"] = 1 }, await _server.PullCountsAsync(group));
    }

    [Fact]
    public async Task Failed_refused_and_head_requests_count_nothing()
    {
        var open = await _server.CreateGroupAsync("team-charts");
        var closed = await _server.CreateGroupAsync("private-charts", visibility: Visibilities.User);
        await _server.UploadAsync("team-charts", TestCharts.Package("web", "1.0.0"));
        await _server.UploadAsync("private-charts", TestCharts.Package("secret", "1.0.0"));
        var mallory = ChartRepositoryServer.BasicAuth("mallory", "mallory-secret");

        Assert.Equal(HttpStatusCode.NotFound, (await _server.Client.GetAsync("/chart/team-charts/charts/web-9.9.9.tgz")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Client.GetAsync("/chart/team-charts/charts/web-1.0.0.tgz.prov")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _server.SendAsync(HttpMethod.Head, "/chart/team-charts/charts/web-1.0.0.tgz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _server.Client.GetAsync("/chart/team-charts/index.yaml")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _server.Client.GetAsync("/chart/api/team-charts/charts/web/1.0.0")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.Client.GetAsync("/chart/private-charts/charts/secret-1.0.0.tgz")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _server.SendAsync(HttpMethod.Get, "/chart/private-charts/charts/secret-1.0.0.tgz", mallory)).StatusCode);
        // One real download, so a count of zero is not merely an idle queue.
        Assert.Equal(HttpStatusCode.OK, (await _server.Client.GetAsync("/chart/team-charts/charts/web-1.0.0.tgz")).StatusCode);
        await _server.DeliverPullsAsync();

        Assert.Equal(new Dictionary<string, int> { ["web"] = 1 }, await _server.PullCountsAsync(open));
        Assert.Equal(new Dictionary<string, int> { ["secret"] = 0 }, await _server.PullCountsAsync(closed));
    }

    [Fact]
    public async Task A_batch_adds_each_charts_pulls_and_skips_charts_and_groups_that_are_gone()
    {
        var group = await _server.CreateGroupAsync("team-charts");
        await _server.UploadAsync("team-charts", TestCharts.Package("web", "1.0.0"));
        await _server.UploadAsync("team-charts", TestCharts.Package("api", "0.1.0"));
        var recorder = new ChartPullRecorder(_server.Objects);
        RepositoryEvent Pull(string chart, string groupName = "team-charts", string tenant = "default") =>
            new(RepositoryEventKind.Pulled, tenant, groupName, chart, "digest", 1);

        await recorder.ApplyAsync(
        [
            Pull("web"), Pull("api"), Pull("web"), Pull("gone"), Pull("web", "no-such-group"), Pull("web", tenant: "other"), Pull("web"),
            new RepositoryEvent(RepositoryEventKind.Pushed, "default", "team-charts", "web", "digest", 1),
        ], CancellationToken.None);
        await recorder.ApplyAsync([Pull("api")], CancellationToken.None);

        Assert.Equal(new Dictionary<string, int> { ["web"] = 3, ["api"] = 2 }, await _server.PullCountsAsync(group));
    }

    [Fact]
    public async Task Counting_pulls_keeps_the_versions_recorded_by_uploads()
    {
        var group = await _server.CreateGroupAsync("team-charts");
        await _server.UploadAsync("team-charts", TestCharts.Package("web", "1.0.0"));
        await _server.Client.GetByteArrayAsync("/chart/team-charts/charts/web-1.0.0.tgz");
        await _server.UploadAsync("team-charts", TestCharts.Package("web", "1.1.0"));
        await _server.Client.GetByteArrayAsync("/chart/team-charts/charts/web-1.1.0.tgz");
        await _server.DeliverPullsAsync();

        var chart = Assert.Single(await _server.ChartsAsync(group));
        Assert.Equal(2, chart.Status!.PullCount);
        Assert.Equal(["1.0.0", "1.1.0"], chart.Status.Versions!.Select(v => v.Version).Order());
    }
}

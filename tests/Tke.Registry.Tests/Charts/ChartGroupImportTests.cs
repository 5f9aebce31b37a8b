using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Tke.Registry.Apis.ChartGroups;
using Tke.Registry.Charts;

namespace Tke.Registry.Tests.Charts;

/// <summary>Importing a third-party Helm repository served by a local Kestrel with Basic authentication.</summary>
public sealed class ChartGroupImportTests : IAsyncLifetime
{
    private const string RemoteUser = "mirror";
    private const string RemotePassword = "p@ss:word";

    private readonly Dictionary<string, byte[]> _remoteFiles = new(StringComparer.Ordinal);
    private readonly List<string> _remoteAuthorizations = [];
    private ChartRepositoryServer _server = null!;
    private WebApplication _remote = null!;
    private Uri _remoteAddress = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await ChartRepositoryServer.StartAsync();
        _remote = await LoopbackServer.StartAsync(ServeRemoteAsync);
        _remoteAddress = new Uri(LoopbackServer.AddressOf(_remote), "/stable/");
        _http = new HttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _remote.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Sync_stores_valid_remote_charts_and_skips_a_bad_archive_reporting_it_in_status()
    {
        var good = TestCharts.Package("nginx", "1.2.0");
        var older = TestCharts.Package("nginx", "1.1.0");
        var bad = TestCharts.Package("redis", "6.0.0", directory: "not-redis");
        _remoteFiles["nginx-1.2.0.tgz"] = good;
        _remoteFiles["archive/nginx-1.1.0.tgz"] = older;
        _remoteFiles["redis-6.0.0.tgz"] = bad;
        _remoteFiles["index.yaml"] = Encoding.UTF8.GetBytes(RemoteIndex(
            ("nginx", "1.2.0", "nginx-1.2.0.tgz", TestCharts.Sha256(good)),
            ("nginx", "1.1.0", _remoteAddress + "archive/nginx-1.1.0.tgz", null),
            ("redis", "6.0.0", "redis-6.0.0.tgz", TestCharts.Sha256(bad))));
        var group = await _server.CreateGroupAsync("mirror", imported: Import(RemotePassword));

        var result = await Importer().SyncAsync(await _server.GroupAsync(group), CancellationToken.None);

        Assert.Equal(2, result.Imported);
        var skipped = Assert.Single(result.Skipped);
        Assert.StartsWith("redis-6.0.0:", skipped);
        Assert.Contains("does not match the chart directory", skipped);
        Assert.Equal(["nginx-1.1.0.tgz", "nginx-1.2.0.tgz"], _server.StoredFiles("mirror"));
        Assert.Equal(good, await _server.Client.GetByteArrayAsync("/chart/mirror/charts/nginx-1.2.0.tgz"));
        Assert.DoesNotContain("redis", await _server.Client.GetStringAsync("/chart/mirror/index.yaml"));
        var status = (await _server.GroupAsync(group)).Status!;
        Assert.Equal("Available", status.Phase);
        Assert.Equal("SyncedWithErrors", status.Reason);
        Assert.Contains("redis-6.0.0", status.Message);
        Assert.Equal(1, status.ChartCount);
        Assert.Equal(2, Assert.Single(await _server.ChartsAsync(group)).Status!.Versions!.Count);
        Assert.All(_remoteAuthorizations, a => Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RemoteUser}:{RemotePassword}")), a));

        // A second sync finds everything current and downloads nothing again.
        _remoteFiles.Remove("redis-6.0.0.tgz");
        _remoteFiles["index.yaml"] = Encoding.UTF8.GetBytes(RemoteIndex(("nginx", "1.2.0", "nginx-1.2.0.tgz", TestCharts.Sha256(good))));
        var again = await Importer().SyncAsync(await _server.GroupAsync(group), CancellationToken.None);
        Assert.Equal((0, 1), (again.Imported, again.Unchanged));
        Assert.Equal("Synced", (await _server.GroupAsync(group)).Status!.Reason);
    }

    [Fact]
    public async Task Wrong_credentials_fail_the_sync_and_store_nothing()
    {
        _remoteFiles["index.yaml"] = Encoding.UTF8.GetBytes(RemoteIndex());
        var group = await _server.CreateGroupAsync("mirror", imported: Import("not-the-password"));

        var result = await Importer().SyncAsync(await _server.GroupAsync(group), CancellationToken.None);

        Assert.Contains("401", result.Failure);
        var status = (await _server.GroupAsync(group)).Status!;
        Assert.Equal("Failed", status.Phase);
        Assert.Equal("SyncFailed", status.Reason);
        Assert.Empty(_server.StoredFiles("mirror"));
    }

    [Fact]
    public async Task The_controller_syncs_an_imported_group_once_it_is_created()
    {
        var chart = TestCharts.Package("nginx", "1.2.0");
        _remoteFiles["nginx-1.2.0.tgz"] = chart;
        _remoteFiles["index.yaml"] = Encoding.UTF8.GetBytes(RemoteIndex(("nginx", "1.2.0", "nginx-1.2.0.tgz", TestCharts.Sha256(chart))));
        using var stop = new CancellationTokenSource();
        var controller = new ImportedChartGroupSync(_server.Objects, Importer(), TimeProvider.System, NullLogger.Instance);
        var running = controller.RunAsync(stop.Token);

        var group = await _server.CreateGroupAsync("mirror", imported: Import(RemotePassword));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await _server.GroupAsync(group)).Status?.Reason != "Synced")
        {
            await Task.Delay(20, deadline.Token);
        }

        Assert.Equal(["nginx-1.2.0.tgz"], _server.StoredFiles("mirror"));
        await stop.CancelAsync();
        await running;
    }

    private ChartGroupImporter Importer() => new(_server.Repositories, _http, TimeProvider.System, NullLogger.Instance);

    private ChartGroupImport Import(string password) => new()
    {
        Addr = _remoteAddress.ToString().TrimEnd('/'),
        Username = RemoteUser,
        Password = Convert.ToBase64String(Encoding.UTF8.GetBytes(password)),
    };

    private static string RemoteIndex(params (string Name, string Version, string Url, string? Digest)[] versions)
    {
        var text = new StringBuilder("apiVersion: v1\nentries:\n");
        foreach (var byName in versions.GroupBy(v => v.Name))
        {
            text.Append($"  {byName.Key}:\n");
            foreach (var v in byName)
            {
                text.Append($"  - name: {v.Name}\n    version: {v.Version}\n    urls:\n    - {v.Url}\n");
                if (v.Digest is not null)
                {
                    text.Append($"    digest: {v.Digest}\n");
                }
            }
        }

        return text.Append("generated: \"2024-01-01T00:00:00Z\"\n").ToString();
    }

    private async Task ServeRemoteAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        lock (_remoteAuthorizations)
        {
            _remoteAuthorizations.Add(authorization);
        }

        if (authorization != "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RemoteUser}:{RemotePassword}")))
        {
            context.Response.StatusCode = 401;
            return;
        }

        var path = context.Request.Path.Value!;
        if (!path.StartsWith("/stable/", StringComparison.Ordinal) || !_remoteFiles.TryGetValue(path["/stable/".Length..], out var bytes))
        {
            context.Response.StatusCode = 404;
            return;
        }

        await context.Response.Body.WriteAsync(bytes);
    }
}

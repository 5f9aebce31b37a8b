using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Tke.Registry.Apis;
using YamlDotNet.RepresentationModel;

namespace Tke.Registry.Tests.Charts;

/// <summary>The chart repository as helm and the helm-push plugin use it, over HTTP.</summary>
public sealed class ChartRepositoryEndpointTests : IAsyncLifetime
{
    private ChartRepositoryServer _server = null!;

    public async Task InitializeAsync() => _server = await ChartRepositoryServer.StartAsync(maxArchiveBytes: 256 * 1024);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_uploaded_chart_is_listed_in_index_yaml_with_its_digest_and_url_and_downloads_byte_for_byte()
    {
        var group = await _server.CreateGroupAsync("team-charts");
        var archive = TestCharts.Package("web", "1.2.3", appVersion: "1.16");

        var upload = await _server.UploadAsync("team-charts", archive);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.True(JsonNode.Parse(await upload.Content.ReadAsStringAsync())!["saved"]!.GetValue<bool>());

        // Anonymous, as helm repo add/update reads a public repository.
        var index = await _server.Client.GetAsync("/chart/team-charts/index.yaml");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        var yaml = await index.Content.ReadAsStringAsync();
        var root = (YamlMappingNode)Load(yaml);
        Assert.Equal("v1", Scalar(root, "apiVersion"));
        Assert.NotNull(Scalar(root, "generated"));
        var versions = (YamlSequenceNode)((YamlMappingNode)root["entries"])["web"];
        var entry = (YamlMappingNode)Assert.Single(versions.Children);
        Assert.Equal(TestCharts.Sha256(archive), Scalar(entry, "digest"));
        Assert.Equal("charts/web-1.2.3.tgz", ((YamlScalarNode)((YamlSequenceNode)entry["urls"]).Children[0]).Value);
        Assert.Equal("1.2.3", Scalar(entry, "version"));
        Assert.Equal("v2", Scalar(entry, "apiVersion"));
        Assert.Equal("web", Scalar(entry, "name"));
        Assert.Equal("A chart for web", Scalar(entry, "description"));
        Assert.True(DateTimeOffset.TryParse(Scalar(entry, "created"), out _));
        // appVersion 1.16 stays a string (quoted), as Helm needs it.
        Assert.Contains("appVersion: \"1.16\"", yaml);
        var keys = entry.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);

        var download = await _server.Client.GetAsync("/chart/team-charts/charts/web-1.2.3.tgz");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(archive, await download.Content.ReadAsByteArrayAsync());

        // The API objects follow: a Chart with the version, the group's chart count.
        var chart = Assert.Single(await _server.ChartsAsync(group));
        Assert.Equal("web", chart.Spec.Name);
        Assert.Equal("team-charts", chart.Spec.ChartGroupName);
        Assert.Equal("default", chart.Spec.TenantId);
        var version = Assert.Single(chart.Status!.Versions!);
        Assert.Equal("1.2.3", version.Version);
        Assert.Equal(archive.Length, version.ChartSize);
        Assert.Equal(TestCharts.Sha256(archive), version.Digest);
        Assert.Equal("1.16", version.AppVersion);
        Assert.NotNull(version.TimeCreated);
        Assert.Equal(1, (await _server.GroupAsync(group)).Status!.ChartCount);
    }

    [Fact]
    public async Task The_helm_push_multipart_form_is_accepted_and_the_api_answers_as_chartmuseum()
    {
        await _server.CreateGroupAsync("team-charts");
        var archive = TestCharts.Package("api", "0.1.0");
        var form = new MultipartFormDataContent { { new ByteArrayContent(archive), "chart", "api-0.1.0.tgz" } };
        var upload = await _server.SendAsync(HttpMethod.Post, "/chart/api/team-charts/charts", ChartRepositoryServer.BasicAuth(ChartRepositoryServer.User, ChartRepositoryServer.Password), form);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _server.UploadAsync("team-charts", TestCharts.Package("api", "0.2.0-rc.1"))).StatusCode);

        var all = JsonNode.Parse(await _server.Client.GetStringAsync("/chart/api/team-charts/charts"))!.AsObject();
        var versions = all["api"]!.AsArray().Select(v => v!["version"]!.GetValue<string>()).ToList();
        Assert.Equal(["0.2.0-rc.1", "0.1.0"], versions);

        var one = JsonNode.Parse(await _server.Client.GetStringAsync("/chart/api/team-charts/charts/api/0.1.0"))!;
        Assert.Equal(TestCharts.Sha256(archive), one["digest"]!.GetValue<string>());
        Assert.Equal("charts/api-0.1.0.tgz", one["urls"]![0]!.GetValue<string>());

        var missing = await _server.Client.GetAsync("/chart/api/team-charts/charts/api/9.9.9");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("no chart version found for api-9.9.9", JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
        var noChart = await _server.Client.GetAsync("/chart/api/team-charts/charts/nothing");
        Assert.Equal("chart not found", JsonNode.Parse(await noChart.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    public static TheoryData<string, byte[], string> BadArchives() => new()
    {
        { "corrupt gzip", [0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02, 0x03], "not a valid chart archive" },
        { "not gzip at all", "just text, not an archive"u8.ToArray(), "not a valid chart archive" },
        { "tar without Chart.yaml", TestCharts.Archive(("web/values.yaml", "a: 1\n")), "has no web/Chart.yaml" },
        { "name differs from directory", TestCharts.Package("web", "1.0.0", directory: "other"), "does not match the chart directory" },
        { "version is not SemVer 2", TestCharts.Package("web", "1.0"), "not a valid SemVer 2 version" },
        { "v-prefixed version", TestCharts.Package("web", "v1.0.0"), "not a valid SemVer 2 version" },
        { "two top-level directories", TestCharts.Archive(("web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n"), ("extra/file", "x")), "more than one top-level directory" },
        { "file outside the chart directory", TestCharts.Archive(("Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n")), "outside the chart directory" },
        { "path escaping the directory", TestCharts.Archive(("web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n"), ("web/../../etc/x", "x")), "unsafe path" },
        { "Chart.yaml without apiVersion", TestCharts.Archive(("web/Chart.yaml", "name: web\nversion: 1.0.0\n")), "apiVersion is required" },
        { "Chart.yaml not YAML", TestCharts.Archive(("web/Chart.yaml", "name: [unclosed\n")), "not valid YAML" },
    };

    [Theory]
    [MemberData(nameof(BadArchives))]
    public async Task A_bad_archive_is_refused_with_400_and_a_reason_and_nothing_is_stored(string what, byte[] archive, string reason)
    {
        var group = await _server.CreateGroupAsync("team-charts");
        var response = await _server.UploadAsync("team-charts", archive);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, what);
        Assert.Contains(reason, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
        Assert.Empty(_server.StoredFiles("team-charts"));
        Assert.Empty(await _server.ChartsAsync(group));
        Assert.DoesNotContain("web", await _server.Client.GetStringAsync("/chart/team-charts/index.yaml"));
    }

    [Fact]
    public async Task An_archive_over_the_size_limit_is_refused_with_413_and_leaves_nothing()
    {
        await _server.CreateGroupAsync("team-charts");
        var response = await _server.UploadAsync("team-charts", new byte[300 * 1024]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_server.StoredFiles("team-charts"));
    }

    [Fact]
    public async Task A_second_upload_of_a_version_is_a_conflict_unless_forced_which_replaces_it()
    {
        var group = await _server.CreateGroupAsync("team-charts");
        var first = TestCharts.Package("web", "1.0.0", description: "first");
        var second = TestCharts.Package("web", "1.0.0", description: "second");
        Assert.Equal(HttpStatusCode.Created, (await _server.UploadAsync("team-charts", first)).StatusCode);

        var conflict = await _server.UploadAsync("team-charts", second);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("""{"error":"file already exists"}""", await conflict.Content.ReadAsStringAsync());
        Assert.Equal(first, await _server.Client.GetByteArrayAsync("/chart/team-charts/charts/web-1.0.0.tgz"));

        Assert.Equal(HttpStatusCode.Created, (await _server.UploadAsync("team-charts", second, force: true)).StatusCode);
        Assert.Equal(second, await _server.Client.GetByteArrayAsync("/chart/team-charts/charts/web-1.0.0.tgz"));
        var index = await _server.Client.GetStringAsync("/chart/team-charts/index.yaml");
        Assert.Contains(TestCharts.Sha256(second), index);
        Assert.DoesNotContain(TestCharts.Sha256(first), index);
        Assert.Equal(["web-1.0.0.tgz"], _server.StoredFiles("team-charts"));
        var version = Assert.Single(Assert.Single(await _server.ChartsAsync(group)).Status!.Versions!);
        Assert.Equal(TestCharts.Sha256(second), version.Digest);
        Assert.Equal("second", version.Description);
    }

    [Fact]
    public async Task Deleting_a_version_removes_the_archive_the_index_entry_and_the_chart_object()
    {
        var group = await _server.CreateGroupAsync("team-charts");
        await _server.UploadAsync("team-charts", TestCharts.Package("web", "1.0.0"));
        await _server.UploadAsync("team-charts", TestCharts.Package("web", "1.1.0"));
        var auth = ChartRepositoryServer.BasicAuth(ChartRepositoryServer.User, ChartRepositoryServer.Password);

        var anonymous = await _server.SendAsync(HttpMethod.Delete, "/chart/api/team-charts/charts/web/1.0.0");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(2, _server.StoredFiles("team-charts").Length);

        var deleted = await _server.SendAsync(HttpMethod.Delete, "/chart/api/team-charts/charts/web/1.0.0", auth);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal("""{"deleted":true}""", await deleted.Content.ReadAsStringAsync());
        Assert.Equal(["web-1.1.0.tgz"], _server.StoredFiles("team-charts"));
        Assert.DoesNotContain("1.0.0", await _server.Client.GetStringAsync("/chart/team-charts/index.yaml"));
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Client.GetAsync("/chart/team-charts/charts/web-1.0.0.tgz")).StatusCode);
        Assert.Equal(["1.1.0"], Assert.Single(await _server.ChartsAsync(group)).Status!.Versions!.Select(v => v.Version));

        Assert.Equal(HttpStatusCode.NotFound, (await _server.SendAsync(HttpMethod.Delete, "/chart/api/team-charts/charts/web/1.0.0", auth)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _server.SendAsync(HttpMethod.Delete, "/chart/api/team-charts/charts/web/1.1.0", auth)).StatusCode);
        Assert.Empty(await _server.ChartsAsync(group));
        Assert.Equal(0, (await _server.GroupAsync(group)).Status!.ChartCount);
        Assert.Empty(_server.StoredFiles("team-charts"));
    }

    [Fact]
    public async Task Twenty_concurrent_uploads_all_end_up_in_the_index()
    {
        var group = await _server.CreateGroupAsync("team-charts");
        var archives = Enumerable.Range(0, 20).Select(i => TestCharts.Package($"chart{i}", $"1.0.{i}")).ToArray();

        var responses = await Task.WhenAll(archives.Select(a => _server.UploadAsync("team-charts", a)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var entries = (YamlMappingNode)((YamlMappingNode)Load(await _server.Client.GetStringAsync("/chart/team-charts/index.yaml")))["entries"];
        Assert.Equal(20, entries.Children.Count);
        for (var i = 0; i < 20; i++)
        {
            var entry = (YamlMappingNode)((YamlSequenceNode)entries[$"chart{i}"]).Children.Single();
            Assert.Equal(TestCharts.Sha256(archives[i]), Scalar(entry, "digest"));
        }

        Assert.Equal(20, (await _server.ChartsAsync(group)).Count);
        Assert.Equal(20, (await _server.GroupAsync(group)).Status!.ChartCount);
        Assert.Equal(20, _server.StoredFiles("team-charts").Length);
    }

    [Fact]
    public async Task The_index_is_rebuilt_from_stored_archives_after_a_restart()
    {
        var group = await _server.CreateGroupAsync("team-charts");
        var archive = TestCharts.Package("web", "2.0.0");
        await _server.UploadAsync("team-charts", archive);

        var fresh = new Tke.Registry.Charts.ChartRepositories(_server.Repositories.Options, _server.Objects, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var snapshot = await fresh.IndexOf(group).SnapshotAsync(CancellationToken.None);

        var entry = snapshot.Find("web", "2.0.0");
        Assert.NotNull(entry);
        Assert.Equal(TestCharts.Sha256(archive), entry.Digest);
        Assert.Equal(archive.Length, entry.Size);
    }

    [Fact]
    public async Task Pushes_need_credentials_private_groups_need_them_to_read_and_other_tenants_see_nothing()
    {
        await _server.CreateGroupAsync("private-charts", visibility: Visibilities.User);
        var archive = TestCharts.Package("web", "1.0.0");

        var anonymousPush = await _server.UploadAsync("private-charts", archive, authenticated: false);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousPush.StatusCode);
        Assert.Equal("Basic", anonymousPush.Headers.WwwAuthenticate.Single().Scheme);

        var badPassword = await _server.SendAsync(HttpMethod.Post, "/chart/api/private-charts/charts", ChartRepositoryServer.BasicAuth(ChartRepositoryServer.User, "wrong"), new ByteArrayContent(archive));
        Assert.Equal(HttpStatusCode.Unauthorized, badPassword.StatusCode);
        Assert.Empty(_server.StoredFiles("private-charts"));

        Assert.Equal(HttpStatusCode.Created, (await _server.UploadAsync("private-charts", archive)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.Client.GetAsync("/chart/private-charts/index.yaml")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.Client.GetAsync("/chart/private-charts/charts/web-1.0.0.tgz")).StatusCode);
        var owner = ChartRepositoryServer.BasicAuth(ChartRepositoryServer.User, ChartRepositoryServer.Password);
        Assert.Equal(HttpStatusCode.OK, (await _server.SendAsync(HttpMethod.Get, "/chart/private-charts/index.yaml", owner)).StatusCode);

        // A user of another tenant: the group does not exist for them, and their push stores nothing.
        var other = ChartRepositoryServer.BasicAuth("mallory", "mallory-secret");
        Assert.Equal(HttpStatusCode.NotFound, (await _server.SendAsync(HttpMethod.Get, "/chart/private-charts/index.yaml", other)).StatusCode);
        var push = await _server.SendAsync(HttpMethod.Post, "/chart/api/private-charts/charts", other, new ByteArrayContent(TestCharts.Package("evil", "1.0.0")));
        Assert.Equal(HttpStatusCode.NotFound, push.StatusCode);
        Assert.Equal(["web-1.0.0.tgz"], _server.StoredFiles("private-charts"));
    }

    [Fact]
    public async Task Unknown_groups_paths_and_methods_get_chartmuseum_errors()
    {
        await _server.CreateGroupAsync("team-charts");
        var auth = ChartRepositoryServer.BasicAuth(ChartRepositoryServer.User, ChartRepositoryServer.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await _server.UploadAsync("no-such-group", TestCharts.Package("web", "1.0.0"))).StatusCode);
        Assert.Empty(_server.StoredFiles("no-such-group"));
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Client.GetAsync("/chart/team-charts/nothing")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Client.GetAsync("/chart/team-charts/charts/missing-1.0.0.tgz")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await _server.SendAsync(HttpMethod.Put, "/chart/api/team-charts/charts", auth)).StatusCode);
        var form = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        var noChart = await _server.SendAsync(HttpMethod.Post, "/chart/api/team-charts/charts", auth, form);
        Assert.Equal(HttpStatusCode.BadRequest, noChart.StatusCode);
        Assert.Empty(_server.StoredFiles("team-charts"));
    }

    private static YamlNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents[0].RootNode;
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? ((YamlScalarNode)v).Value : null;
}

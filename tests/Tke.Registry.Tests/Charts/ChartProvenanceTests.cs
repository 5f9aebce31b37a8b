using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Tke.Registry.Apis;

namespace Tke.Registry.Tests.Charts;

/// <summary>Provenance files (.prov) as ChartMuseum and the helm-push plugin handle them: uploaded with
/// the chart or after it, served beside the archive for `helm pull --verify`, deleted with the version.</summary>
public sealed class ChartProvenanceTests : IAsyncLifetime
{
    private const string Group = "signed-charts";

    private ChartRepositoryServer _server = null!;

    public async Task InitializeAsync() => _server = await ChartRepositoryServer.StartAsync(maxArchiveBytes: 256 * 1024);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static AuthenticationHeaderValue Alice => ChartRepositoryServer.BasicAuth(ChartRepositoryServer.User, ChartRepositoryServer.Password);

    private static MultipartFormDataContent Form(byte[]? chart, byte[]? prov, string name = "web-1.0.0")
    {
        var form = new MultipartFormDataContent();
        if (chart is not null)
        {
            form.Add(new ByteArrayContent(chart), "chart", name + ".tgz");
        }

        if (prov is not null)
        {
            form.Add(new ByteArrayContent(prov), "prov", name + ".tgz.prov");
        }

        return form;
    }

    private Task<HttpResponseMessage> PostProvAsync(byte[] prov, string query = "") =>
        _server.SendAsync(HttpMethod.Post, $"/chart/api/{Group}/prov{query}", Alice, new ByteArrayContent(prov));

    private static async Task<string> ErrorOf(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>();

    [Fact]
    public async Task A_chart_and_its_prov_in_one_helm_push_form_are_both_stored_and_the_prov_downloads_byte_for_byte()
    {
        await _server.CreateGroupAsync(Group);
        var archive = TestCharts.Package("web", "1.0.0");
        var prov = TestCharts.Provenance("web", "1.0.0", archive);

        var upload = await _server.SendAsync(HttpMethod.Post, $"/chart/api/{Group}/charts", Alice, Form(archive, prov));

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal("""{"saved":true}""", await upload.Content.ReadAsStringAsync());
        Assert.Equal(["web-1.0.0.tgz", "web-1.0.0.tgz.prov"], _server.StoredFiles(Group));
        // Anonymous, as `helm pull --verify` reads a public repository.
        var download = await _server.Client.GetAsync($"/chart/{Group}/charts/web-1.0.0.tgz.prov");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pgp-signature", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(prov, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(archive, await _server.Client.GetByteArrayAsync($"/chart/{Group}/charts/web-1.0.0.tgz"));
        // The index lists the chart, not the prov.
        Assert.DoesNotContain(".prov", await _server.Client.GetStringAsync($"/chart/{Group}/index.yaml"));
    }

    [Fact]
    public async Task A_prov_uploaded_after_its_chart_is_stored_as_raw_body_or_form_field_and_a_second_one_conflicts_unless_forced()
    {
        await _server.CreateGroupAsync(Group);
        var web = TestCharts.Package("web", "1.0.0");
        var api = TestCharts.Package("api", "2.0.0");
        Assert.Equal(HttpStatusCode.Created, (await _server.UploadAsync(Group, web)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _server.UploadAsync(Group, api)).StatusCode);
        var webProv = TestCharts.Provenance("web", "1.0.0", web);

        var raw = await PostProvAsync(webProv);
        Assert.Equal(HttpStatusCode.Created, raw.StatusCode);
        Assert.Equal("""{"saved":true}""", await raw.Content.ReadAsStringAsync());
        var apiProv = TestCharts.Provenance("api", "2.0.0", api);
        var field = await _server.SendAsync(HttpMethod.Post, $"/chart/api/{Group}/prov", Alice, Form(null, apiProv, "api-2.0.0"));
        Assert.Equal(HttpStatusCode.Created, field.StatusCode);
        // The chart route takes a form with only a prov too, as ChartMuseum does: this one is stored already.
        Assert.Equal(HttpStatusCode.Conflict, (await _server.SendAsync(HttpMethod.Post, $"/chart/api/{Group}/charts", Alice, Form(null, apiProv, "api-2.0.0"))).StatusCode);
        Assert.Equal(apiProv, await _server.Client.GetByteArrayAsync($"/chart/{Group}/charts/api-2.0.0.tgz.prov"));

        // Another signature of the same archive: refused as ChartMuseum refuses, unless forced.
        var resigned = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(webProv).Replace("=/cXn", "=AbCd", StringComparison.Ordinal));
        var conflict = await PostProvAsync(resigned);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("file already exists", await ErrorOf(conflict));
        Assert.Equal(webProv, await _server.Client.GetByteArrayAsync($"/chart/{Group}/charts/web-1.0.0.tgz.prov"));
        Assert.Equal(HttpStatusCode.Created, (await PostProvAsync(resigned, "?force")).StatusCode);
        Assert.Equal(resigned, await _server.Client.GetByteArrayAsync($"/chart/{Group}/charts/web-1.0.0.tgz.prov"));
    }

    [Fact]
    public async Task A_prov_for_a_version_the_group_does_not_hold_is_not_found_and_stores_nothing()
    {
        await _server.CreateGroupAsync(Group);
        var archive = TestCharts.Package("web", "1.0.0");
        await _server.UploadAsync(Group, archive);

        var unknown = await PostProvAsync(TestCharts.Provenance("web", "9.9.9", archive));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("no chart version found for web-9.9.9", await ErrorOf(unknown));

        var formOnly = await _server.SendAsync(HttpMethod.Post, $"/chart/api/{Group}/charts", Alice, Form(null, TestCharts.Provenance("other", "1.0.0", archive), "other-1.0.0"));
        Assert.Equal(HttpStatusCode.NotFound, formOnly.StatusCode);

        Assert.Equal(["web-1.0.0.tgz"], _server.StoredFiles(Group));
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Client.GetAsync($"/chart/{Group}/charts/web-9.9.9.tgz.prov")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Client.GetAsync($"/chart/{Group}/charts/web-1.0.0.tgz.prov")).StatusCode);
    }

    public static TheoryData<string, string, string> NotClearSigned()
    {
        var good = TestCharts.ProvenanceText("web", "1.0.0", new string('a', 64));
        return new()
        {
            { "plain Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n", "does not begin with -----BEGIN PGP SIGNED MESSAGE-----" },
            { "no signature block", good[..good.IndexOf("-----BEGIN PGP SIGNATURE-----", StringComparison.Ordinal)], "has no -----BEGIN PGP SIGNATURE----- block" },
            { "signature never ends", good.Replace("-----END PGP SIGNATURE-----\n", "", StringComparison.Ordinal), "does not end with -----END PGP SIGNATURE-----" },
            { "empty signature", good.Replace("wsBcBAEBCgAQBQJZuxVACRDEO7+YH8GHYgAAtVMIAEIKSyWH9hb3y/ck6Dwg2Y6v\n6i0kP3L9iCyyTp64XJYiuipdhUO/XK0CxRcLqLa0I5qu658XeU/Qxwb1GTgPoP52\n=/cXn\n", "", StringComparison.Ordinal), "signature block is empty" },
            { "text after the signature", good + "trailing\n", "has text after -----END PGP SIGNATURE-----" },
            { "no files section", good.Replace("...\nfiles:\n", "", StringComparison.Ordinal), "no \"...\" line" },
            { "names no chart archive", TestCharts.ProvenanceText("web", "1.0.0", new string('a', 64), archiveFile: "values.yaml"), "does not name the chart archive web-1.0.0.tgz" },
            { "checksum not sha256", good.Replace("sha256:" + new string('a', 64), "md5:0123", StringComparison.Ordinal), "is not sha256:<64 hex digits>" },
            { "no chart name", good.Replace("name: web\n", "", StringComparison.Ordinal), "Chart.yaml has no name" },
        };
    }

    [Theory]
    [MemberData(nameof(NotClearSigned))]
    public async Task A_prov_that_is_not_a_clear_signed_provenance_document_is_refused_with_400(string what, string prov, string reason)
    {
        await _server.CreateGroupAsync(Group);
        var archive = TestCharts.Package("web", "1.0.0");
        await _server.UploadAsync(Group, archive);

        var alone = await PostProvAsync(Encoding.UTF8.GetBytes(prov));
        Assert.True(alone.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)alone.StatusCode}");
        var error = await ErrorOf(alone);
        Assert.StartsWith("invalid provenance file: ", error);
        Assert.Contains(reason, error);

        // With a new chart in the same form: neither is stored.
        var withChart = await _server.SendAsync(HttpMethod.Post, $"/chart/api/{Group}/charts", Alice, Form(TestCharts.Package("web", "1.1.0"), Encoding.UTF8.GetBytes(prov), "web-1.1.0"));
        Assert.Equal(HttpStatusCode.BadRequest, withChart.StatusCode);
        Assert.Equal(["web-1.0.0.tgz"], _server.StoredFiles(Group));
    }

    [Fact]
    public async Task A_prov_that_signs_other_bytes_or_another_version_than_the_chart_is_refused()
    {
        var group = await _server.CreateGroupAsync(Group);
        var archive = TestCharts.Package("web", "1.0.0");
        var other = TestCharts.Package("web", "1.0.0", description: "rebuilt");
        await _server.UploadAsync(Group, archive);

        var wrongBytes = await PostProvAsync(TestCharts.Provenance("web", "1.0.0", other));
        Assert.Equal(HttpStatusCode.BadRequest, wrongBytes.StatusCode);
        Assert.Contains("is not that of the chart archive", await ErrorOf(wrongBytes));

        var newChart = TestCharts.Package("web", "2.0.0");
        var mismatched = await _server.SendAsync(HttpMethod.Post, $"/chart/api/{Group}/charts", Alice, Form(newChart, TestCharts.Provenance("web", "1.0.0", archive), "web-2.0.0"));
        Assert.Equal(HttpStatusCode.BadRequest, mismatched.StatusCode);
        Assert.Contains("signs web-1.0.0.tgz, not web-2.0.0.tgz", await ErrorOf(mismatched));

        Assert.Equal(["web-1.0.0.tgz"], _server.StoredFiles(Group));
        Assert.Equal(["1.0.0"], Assert.Single(await _server.ChartsAsync(group)).Status!.Versions!.Select(v => v.Version));
    }

    [Fact]
    public async Task A_prov_over_one_mebibyte_is_refused_with_413_alone_or_with_its_chart()
    {
        await _server.CreateGroupAsync(Group);
        var archive = TestCharts.Package("web", "1.0.0");
        // A well-formed document padded past the limit in its signature block.
        var text = TestCharts.ProvenanceText("web", "1.0.0", TestCharts.Sha256(archive));
        var padding = string.Concat(Enumerable.Repeat(new string('A', 63) + "\n", (1024 * 1024 / 64) + 1));
        var large = Encoding.UTF8.GetBytes(text.Replace("=/cXn\n", padding + "=/cXn\n", StringComparison.Ordinal));
        Assert.True(large.Length > 1024 * 1024);

        var withChart = await _server.SendAsync(HttpMethod.Post, $"/chart/api/{Group}/charts", Alice, Form(archive, large));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withChart.StatusCode);
        Assert.Equal("provenance file is larger than 1048576 bytes", await ErrorOf(withChart));
        Assert.Empty(_server.StoredFiles(Group));

        await _server.UploadAsync(Group, archive);
        // As curl sends a large body: it waits for 100 Continue, and the 413 comes instead.
        var alone = await _server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/chart/api/{Group}/prov")
        {
            Content = new ByteArrayContent(large),
            Headers = { Authorization = Alice, ExpectContinue = true },
        });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, alone.StatusCode);
        Assert.Equal("provenance file is larger than 1048576 bytes", await ErrorOf(alone));
        var asField = await _server.SendAsync(HttpMethod.Post, $"/chart/api/{Group}/prov", Alice, Form(null, large));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, asField.StatusCode);
        Assert.Equal(["web-1.0.0.tgz"], _server.StoredFiles(Group));
    }

    [Fact]
    public async Task Deleting_a_version_deletes_its_prov_and_a_force_push_of_other_bytes_drops_the_stale_one()
    {
        await _server.CreateGroupAsync(Group);
        var v1 = TestCharts.Package("web", "1.0.0");
        var v2 = TestCharts.Package("web", "2.0.0");
        await _server.SendAsync(HttpMethod.Post, $"/chart/api/{Group}/charts", Alice, Form(v1, TestCharts.Provenance("web", "1.0.0", v1)));
        await _server.SendAsync(HttpMethod.Post, $"/chart/api/{Group}/charts", Alice, Form(v2, TestCharts.Provenance("web", "2.0.0", v2), "web-2.0.0"));
        Assert.Equal(4, _server.StoredFiles(Group).Length);

        Assert.Equal(HttpStatusCode.OK, (await _server.SendAsync(HttpMethod.Delete, $"/chart/api/{Group}/charts/web/1.0.0", Alice)).StatusCode);
        Assert.Equal(["web-2.0.0.tgz", "web-2.0.0.tgz.prov"], _server.StoredFiles(Group));
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Client.GetAsync($"/chart/{Group}/charts/web-1.0.0.tgz.prov")).StatusCode);

        // The same bytes again keep the prov; different bytes make it stale, so it goes.
        Assert.Equal(HttpStatusCode.Created, (await _server.UploadAsync(Group, v2, force: true)).StatusCode);
        Assert.Equal(["web-2.0.0.tgz", "web-2.0.0.tgz.prov"], _server.StoredFiles(Group));
        Assert.Equal(HttpStatusCode.Created, (await _server.UploadAsync(Group, TestCharts.Package("web", "2.0.0", description: "rebuilt"), force: true)).StatusCode);
        Assert.Equal(["web-2.0.0.tgz"], _server.StoredFiles(Group));
    }

    [Fact]
    public async Task Prov_uploads_need_push_rights_and_private_provs_need_credentials_to_read()
    {
        await _server.CreateGroupAsync("private-charts", visibility: Visibilities.User);
        var archive = TestCharts.Package("web", "1.0.0");
        var prov = TestCharts.Provenance("web", "1.0.0", archive);
        await _server.SendAsync(HttpMethod.Post, "/chart/api/private-charts/charts", Alice, Form(archive, prov));

        var anonymous = await _server.SendAsync(HttpMethod.Post, "/chart/api/private-charts/prov", null, new ByteArrayContent(prov));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.Client.GetAsync("/chart/private-charts/charts/web-1.0.0.tgz.prov")).StatusCode);
        var mallory = ChartRepositoryServer.BasicAuth("mallory", "mallory-secret");
        Assert.Equal(HttpStatusCode.NotFound, (await _server.SendAsync(HttpMethod.Get, "/chart/private-charts/charts/web-1.0.0.tgz.prov", mallory)).StatusCode);
        Assert.Equal(prov, await (await _server.SendAsync(HttpMethod.Get, "/chart/private-charts/charts/web-1.0.0.tgz.prov", Alice)).Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_stored_prov_does_not_disturb_rebuilding_the_index_after_a_restart()
    {
        var group = await _server.CreateGroupAsync(Group);
        var archive = TestCharts.Package("web", "1.0.0");
        await _server.SendAsync(HttpMethod.Post, $"/chart/api/{Group}/charts", Alice, Form(archive, TestCharts.Provenance("web", "1.0.0", archive)));

        var fresh = new Tke.Registry.Charts.ChartRepositories(_server.Repositories.Options, _server.Objects, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var snapshot = await fresh.IndexOf(group).SnapshotAsync(CancellationToken.None);

        Assert.Equal(["web-1.0.0.tgz"], snapshot.Entries.Values.SelectMany(v => v).Select(e => e.FileName));
        Assert.NotNull(await fresh.ProvenancePathAsync(group, "web-1.0.0.tgz", CancellationToken.None));
    }
}

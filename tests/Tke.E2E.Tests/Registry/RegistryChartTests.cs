using System.Net;
using System.Net.Http.Headers;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Tke.E2E.Tests.Registry;

/// <summary>A chart group is a Helm repository: the helm-push plugin's upload, index.yaml and archive download, as helm performs them over HTTP.</summary>
[Collection(RegistryServerCollection.Name)]
public sealed class RegistryChartTests(RegistryServerFixture fixture)
{
    [Fact]
    public async Task An_uploaded_chart_is_listed_in_index_yaml_and_downloads_byte_for_byte()
    {
        var group = await fixture.CreateChartGroupAsync("charts", "Public");
        using var http = AdminClient();
        var archive = RegistryChartArchive.Create("webapp", "0.1.0");

        using (var upload = await http.PostAsync($"/chart/api/{group}/charts", ChartForm(archive, "webapp-0.1.0.tgz")))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        var index = await IndexAsync(http, group);
        var versions = (YamlSequenceNode)((YamlMappingNode)index["entries"])["webapp"];
        var entry = (YamlMappingNode)versions.Children.Single();
        Assert.Equal("0.1.0", entry["version"].ToString());
        Assert.Equal("webapp", entry["name"].ToString());
        var url = ((YamlSequenceNode)entry["urls"]).Children[0].ToString();
        Assert.False(string.IsNullOrEmpty(entry["digest"].ToString()));

        var download = new Uri(new Uri(http.BaseAddress!, $"/chart/{group}/"), url);
        var bytes = await http.GetByteArrayAsync(download);
        Assert.Equal(archive, bytes);
    }

    [Fact]
    public async Task A_corrupt_archive_and_a_chart_that_disagrees_with_its_name_are_refused_and_the_index_is_unchanged()
    {
        var group = await fixture.CreateChartGroupAsync("badcharts", "Public");
        using var http = AdminClient();
        var before = await IndexTextAsync(http, group);

        using (var corrupt = await http.PostAsync($"/chart/api/{group}/charts", ChartForm(Encoding.UTF8.GetBytes("this is not a gzip tar"), "broken-0.1.0.tgz")))
        {
            Assert.True(corrupt.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"corrupt archive: {(int)corrupt.StatusCode}");
        }

        // Chart.yaml names "other" while its archive directory is "mismatch".
        using (var mismatch = await http.PostAsync($"/chart/api/{group}/charts", ChartForm(RegistryChartArchive.Create("other", "not-a-semver", directoryName: "mismatch"), "mismatch-0.1.0.tgz")))
        {
            Assert.True(mismatch.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"mismatching chart: {(int)mismatch.StatusCode}");
        }

        var after = await IndexAsync(http, group);
        Assert.True(!after.Children.ContainsKey(new YamlScalarNode("entries")) || after["entries"] is not YamlMappingNode entries || entries.Children.Count == 0,
            $"the index changed:\n{before}\n---\n{await IndexTextAsync(http, group)}");
    }

    [Fact]
    public async Task Uploads_need_credentials()
    {
        var group = await fixture.CreateChartGroupAsync("anon", "Public");
        using var anonymous = fixture.Server.CreateHttpClient(null);
        using var refused = await anonymous.PostAsync($"/chart/api/{group}/charts", ChartForm(RegistryChartArchive.Create("anon", "0.1.0"), "anon-0.1.0.tgz"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private HttpClient AdminClient()
    {
        var client = fixture.Server.CreateHttpClient(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + RegistryServerFixture.AdminPassword)));
        return client;
    }

    /// <summary>What the helm-push plugin sends: multipart/form-data with the archive in the "chart" field.</summary>
    private static MultipartFormDataContent ChartForm(byte[] archive, string fileName)
    {
        var file = new ByteArrayContent(archive);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
        return new MultipartFormDataContent { { file, "chart", fileName } };
    }

    private static async Task<string> IndexTextAsync(HttpClient http, string group)
    {
        using var response = await http.GetAsync($"/chart/{group}/index.yaml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<YamlMappingNode> IndexAsync(HttpClient http, string group)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(await IndexTextAsync(http, group)));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        Assert.Equal("v1", root["apiVersion"].ToString());
        return root;
    }
}

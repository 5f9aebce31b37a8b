using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Tke.E2E.Tests.Auth;
using Tke.E2E.Tests.Resources;

namespace Tke.E2E.Tests.Registry;

/// <summary>
/// A chart group of visibility Project on `tke serve`: members of its business project pull the
/// chart and its provenance file, others are refused, and each download shows in the Chart's
/// status.pullCount.
/// </summary>
[Collection(RegistryServerCollection.Name)]
public sealed class RegistryProjectChartTests(RegistryServerFixture fixture)
{
    private const string Password = "Member12345Pw";

    [Fact]
    public async Task Project_members_pull_charts_and_provs_others_are_refused_and_pulls_are_counted()
    {
        var api = new AuthApi(fixture.Server);
        var member = AuthManifests.UniqueName("member");
        var outsider = AuthManifests.UniqueName("outsider");
        await api.CreateUserAsync(member, Password);
        await api.CreateUserAsync(outsider, Password);
        var project = (await ResourceClient.Projects(fixture.Server).CreateAsync(new JsonObject
        {
            ["apiVersion"] = "business.tkestack.io/v1",
            ["kind"] = "Project",
            ["metadata"] = new JsonObject { ["generateName"] = "prj-" },
            ["spec"] = new JsonObject
            {
                ["tenantID"] = "default",
                ["displayName"] = "chart readers",
                ["members"] = new JsonArray(member),
            },
        })).Expect(201).Object["metadata"]!["name"]!.GetValue<string>();
        var group = AuthManifests.UniqueName("prjcharts");
        (await fixture.ChartGroups.CreateAsync(new JsonObject
        {
            ["apiVersion"] = "registry.tkestack.io/v1",
            ["kind"] = "ChartGroup",
            ["metadata"] = new JsonObject { ["generateName"] = "cg-" },
            ["spec"] = new JsonObject
            {
                ["name"] = group,
                ["tenantID"] = "default",
                ["visibility"] = "Project",
                ["projects"] = new JsonArray(project),
                ["type"] = "SelfBuilt",
            },
        })).Expect(201);

        var archive = RegistryChartArchive.Create("signed", "1.0.0");
        var prov = Encoding.UTF8.GetBytes(Provenance("signed", "1.0.0", archive));
        using var admin = Client("admin", RegistryServerFixture.AdminPassword);
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(archive), "chart", "signed-1.0.0.tgz" },
            { new ByteArrayContent(prov), "prov", "signed-1.0.0.tgz.prov" },
        };
        using (var upload = await admin.PostAsync($"/chart/api/{group}/charts", form))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        using var memberClient = Client(member, Password);
        Assert.Equal(archive, await memberClient.GetByteArrayAsync($"/chart/{group}/charts/signed-1.0.0.tgz"));
        Assert.Equal(archive, await memberClient.GetByteArrayAsync($"/chart/{group}/charts/signed-1.0.0.tgz"));
        Assert.Equal(prov, await memberClient.GetByteArrayAsync($"/chart/{group}/charts/signed-1.0.0.tgz.prov"));

        using var outsiderClient = Client(outsider, Password);
        using (var refused = await outsiderClient.GetAsync($"/chart/{group}/charts/signed-1.0.0.tgz"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var anonymous = fixture.Server.CreateHttpClient(null))
        using (var unauthenticated = await anonymous.GetAsync($"/chart/{group}/charts/signed-1.0.0.tgz"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        }

        // The member's two downloads arrive through the registry's background queue.
        var charts = new ResourceClient(fixture.Http, $"{RegistryServerFixture.RegistryApi}/charts", fixture.Server.Output);
        var pulls = 0;
        for (var attempt = 0; attempt < 100 && pulls < 2; attempt++)
        {
            var items = (await charts.ListAsync("?fieldSelector=" + Uri.EscapeDataString("spec.chartGroupName=" + group))).Expect(200).Object["items"]!.AsArray();
            pulls = items.Select(i => i!["status"]?["pullCount"]?.GetValue<int>() ?? 0).SingleOrDefault();
            if (pulls < 2)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal(2, pulls);
    }

    private HttpClient Client(string user, string password)
    {
        var client = fixture.Server.CreateHttpClient(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }

    /// <summary>A provenance file shaped as `helm package --sign` writes it; the server checks its shape, not its signature.</summary>
    private static string Provenance(string name, string version, byte[] archive) =>
        "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n"
        + $"apiVersion: v2\nappVersion: \"1.0\"\ndescription: e2e chart\nname: {name}\nversion: {version}\n\n"
        + $"...\nfiles:\n  {name}-{version}.tgz: sha256:{Convert.ToHexStringLower(SHA256.HashData(archive))}\n"
        + "-----BEGIN PGP SIGNATURE-----\n\nwsBcBAEBCgAQBQJZuxVACRDEO7+YH8GHYgAAtVMIAEIKSyWH9hb3y/ck6Dwg2Y6v\n=/cXn\n-----END PGP SIGNATURE-----\n";
}

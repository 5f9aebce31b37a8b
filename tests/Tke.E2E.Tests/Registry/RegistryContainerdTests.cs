using System.Net;
using System.Text.RegularExpressions;
using Tke.TestSupport.Containerd;

namespace Tke.E2E.Tests.Registry;

/// <summary>
/// containerd (a private daemon, driven by ctr) pulls and pushes through TLS with the platform's CA.
/// Unlike skopeo and podman, containerd asks the token endpoint with the OAuth2 password form (a POST)
/// before Docker's GET, so these tests exercise that form with a real client.
/// </summary>
[Collection(RegistryServerCollection.Name)]
public sealed partial class RegistryContainerdTests(RegistryServerFixture fixture, ContainerdFixture containerd) : IClassFixture<ContainerdFixture>
{
    [Fact]
    public async Task Ctr_pulls_with_the_oauth2_password_form_and_pushes_a_retagged_image()
    {
        var ns = await fixture.CreateNamespaceAsync("ctr", "Private");
        var key = await fixture.AdminApiKeyAsync();
        using var image = RegistryImageLayout.SinglePlatform("v1", layers: 1);
        using var tool = new RegistryClientTool(fixture.CertDir);
        (await tool.SkopeoWithInputAsync(key, "login", "--cert-dir", tool.CertDir, "--authfile", tool.AuthFile, "-u", "tkestack", "--password-stdin", fixture.RegistryHost)).ExpectSuccess();
        (await tool.SkopeoAsync("copy", "--dest-cert-dir", tool.CertDir, "--dest-authfile", tool.AuthFile, image.Reference, $"docker://{fixture.RegistryHost}/{ns}/app:v1")).ExpectSuccess();
        containerd.TrustRegistry(fixture.RegistryHost, Path.Combine(tool.CertDir, "ca.crt"));

        var source = $"{fixture.RegistryHost}/{ns}/app:v1";
        var pull = (await tool.CtrAsync(containerd, "images", "pull", "--http-dump", "--snapshotter", "native", "--user", "tkestack:" + key, "--hosts-dir", containerd.HostsDirectory, source)).ExpectSuccess();
        var realm = await TokenRealmPathAsync($"/v2/{ns}/app/manifests/v1");
        var tokenRequests = TokenRequests(pull.Out + pull.Err, realm);
        Assert.True(tokenRequests.Count > 0, $"ctr never asked {realm} for a token:\n{pull.Err}");
        // A refused POST would have sent containerd on to Docker's GET form.
        Assert.All(tokenRequests, method => Assert.Equal("POST", method));
        Assert.Equal(image.TopDigest, await fixture.ManifestDigestAsync(ns + "/app", "v1"));
        Assert.Equal(image.TopDigest, await ListedDigestAsync(tool, source));

        var copy = $"{fixture.RegistryHost}/{ns}/copy:v2";
        (await tool.CtrAsync(containerd, "images", "tag", source, copy)).ExpectSuccess();
        (await tool.CtrAsync(containerd, "images", "push", "--user", "tkestack:" + key, "--hosts-dir", containerd.HostsDirectory, copy)).ExpectSuccess();
        var reported = await fixture.ManifestDigestAsync(ns + "/copy", "v2");
        Assert.Equal(image.TopDigest, reported);
        Assert.Equal(reported, await ListedDigestAsync(tool, copy));
    }

    [Fact]
    public async Task Ctr_with_a_wrong_access_credential_or_none_cannot_pull_a_private_image()
    {
        var ns = await fixture.CreateNamespaceAsync("ctrwrong", "Private");
        using var image = RegistryImageLayout.SinglePlatform("v1", layers: 1);
        using var tool = new RegistryClientTool(fixture.CertDir);
        (await tool.SkopeoWithInputAsync(await fixture.AdminApiKeyAsync(), "login", "--cert-dir", tool.CertDir, "--authfile", tool.AuthFile, "-u", "tkestack", "--password-stdin", fixture.RegistryHost)).ExpectSuccess();
        (await tool.SkopeoAsync("copy", "--dest-cert-dir", tool.CertDir, "--dest-authfile", tool.AuthFile, image.Reference, $"docker://{fixture.RegistryHost}/{ns}/app:v1")).ExpectSuccess();
        containerd.TrustRegistry(fixture.RegistryHost, Path.Combine(tool.CertDir, "ca.crt"));
        var source = $"{fixture.RegistryHost}/{ns}/app:v1";

        var refused = (await tool.CtrAsync(containerd, "images", "pull", "--snapshotter", "native", "--user", "tkestack:not-a-valid-key", "--hosts-dir", containerd.HostsDirectory, source)).ExpectFailure();
        Assert.Contains("failed to fetch oauth token: unexpected status: 401 Unauthorized", refused.Err, StringComparison.Ordinal);
        Assert.Null(await ListedDigestAsync(tool, source));

        // Anonymous, the private image is not even resolved.
        var anonymous = (await tool.CtrAsync(containerd, "images", "pull", "--snapshotter", "native", "--hosts-dir", containerd.HostsDirectory, source)).ExpectFailure();
        Assert.Contains("401 Unauthorized", anonymous.Err, StringComparison.Ordinal);
        Assert.Null(await ListedDigestAsync(tool, source));
    }

    /// <summary>The path of the token endpoint a Bearer challenge names for an unauthenticated request.</summary>
    private async Task<string> TokenRealmPathAsync(string path)
    {
        using var http = fixture.Server.CreateHttpClient(null);
        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return new Uri(RegistryTokenFlow.ParseChallenge(response)!["realm"]).AbsolutePath;
    }

    /// <summary>The methods of the requests to <paramref name="realmPath"/> in ctr's --http-dump log.</summary>
    private static List<string> TokenRequests(string dump, string realmPath) =>
        DumpedRequest().Matches(dump).Where(m => new Uri("https://x" + m.Groups["target"].Value).AbsolutePath == realmPath).Select(m => m.Groups["method"].Value).ToList();

    /// <summary>The digest `ctr images ls` shows for <paramref name="reference"/>, or null when it lists no such image.</summary>
    private async Task<string?> ListedDigestAsync(RegistryClientTool tool, string reference)
    {
        var listing = (await tool.CtrAsync(containerd, "images", "ls")).ExpectSuccess().Out;
        // Columns: REF TYPE DIGEST SIZE PLATFORMS LABELS; a reference has no spaces.
        return listing.Split('\n').Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(columns => columns.Length >= 3 && columns[0] == reference)
            .Select(columns => columns[2])
            .SingleOrDefault();
    }

    // ctr logs each dumped request line as msg="METHOD TARGET HTTP/1.1".
    [GeneratedRegex("""msg="(?<method>[A-Z]+) (?<target>/\S*) HTTP/1\.1""")]
    private static partial Regex DumpedRequest();
}

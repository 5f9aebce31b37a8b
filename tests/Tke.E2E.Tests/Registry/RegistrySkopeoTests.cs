using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Tke.E2E.Tests.Registry;

/// <summary>skopeo against `tke serve` over TLS with the platform's CA: `docker login -u tkestack` with
/// an access credential, push and pull of single- and multi-platform images, inspect and tag lists.</summary>
[Collection(RegistryServerCollection.Name)]
public sealed class RegistrySkopeoTests(RegistryServerFixture fixture)
{
    [Fact]
    public async Task Login_with_an_access_credential_then_push_inspect_by_digest_list_tags_and_pull()
    {
        var ns = await fixture.CreateNamespaceAsync("skopeo", "Private");
        using var tool = new RegistryClientTool(fixture.CertDir);
        await LogInAsync(tool);
        using var image = RegistryImageLayout.SinglePlatform("v1");
        var repo = $"docker://{fixture.RegistryHost}/{ns}/app";

        await PushAsync(tool, image.Reference, repo + ":v1");
        await PushAsync(tool, image.Reference, repo + ":v2");

        var raw = (await tool.SkopeoAsync("inspect", "--raw", "--cert-dir", tool.CertDir, "--authfile", tool.AuthFile, $"{repo}@{image.TopDigest}")).ExpectSuccess();
        Assert.Equal(image.TopDigest, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw.Out.TrimEnd('\n')))));
        var inspected = JsonNode.Parse((await tool.SkopeoAsync("inspect", "--cert-dir", tool.CertDir, "--authfile", tool.AuthFile, repo + ":v1")).ExpectSuccess().Out)!;
        Assert.Equal(image.TopDigest, (string?)inspected["Digest"]);
        Assert.Equal(image.LayerDigests, inspected["Layers"]!.AsArray().Select(l => (string)l!).ToList());

        var tags = JsonNode.Parse((await tool.SkopeoAsync("list-tags", "--cert-dir", tool.CertDir, "--authfile", tool.AuthFile, repo)).ExpectSuccess().Out)!;
        Assert.Equal(["v1", "v2"], tags["Tags"]!.AsArray().Select(t => (string)t!).Order(StringComparer.Ordinal).ToList());

        var pulled = RegistryImageLayout.NewDirectory();
        try
        {
            (await tool.SkopeoAsync("copy", "--src-cert-dir", tool.CertDir, "--src-authfile", tool.AuthFile, repo + ":v2", $"oci:{pulled}:v2")).ExpectSuccess();
            Assert.Equal(image.TopDigest, RegistryImageLayout.DigestOfTag(pulled, "v2"));
            Assert.All(image.LayerDigests, layer => Assert.True(RegistryImageLayout.HasBlob(pulled, layer), $"layer {layer} was not pulled"));
        }
        finally
        {
            Directory.Delete(pulled, recursive: true);
        }
    }

    [Fact]
    public async Task A_multi_platform_index_is_pushed_whole_and_each_platform_pulls_its_own_manifest()
    {
        var ns = await fixture.CreateNamespaceAsync("multi", "Private");
        using var tool = new RegistryClientTool(fixture.CertDir);
        await LogInAsync(tool);
        using var image = RegistryImageLayout.MultiPlatform("latest");
        var repo = $"docker://{fixture.RegistryHost}/{ns}/multi";

        (await tool.SkopeoAsync("copy", "--all", "--dest-cert-dir", tool.CertDir, "--dest-authfile", tool.AuthFile, image.Reference, repo + ":latest")).ExpectSuccess();

        var raw = JsonNode.Parse((await tool.SkopeoAsync("inspect", "--raw", "--cert-dir", tool.CertDir, "--authfile", tool.AuthFile, repo + ":latest")).ExpectSuccess().Out)!;
        Assert.Equal(RegistryImageLayout.IndexMediaType, (string?)raw["mediaType"]);
        Assert.Equal(image.PlatformManifests.Values.Order(StringComparer.Ordinal), raw["manifests"]!.AsArray().Select(m => (string)m!["digest"]!).Order(StringComparer.Ordinal));

        foreach (var (platform, manifest) in image.PlatformManifests)
        {
            var arch = platform.Split('/')[1];
            var pulled = RegistryImageLayout.NewDirectory();
            try
            {
                (await tool.SkopeoAsync("copy", "--override-os", "linux", "--override-arch", arch, "--src-cert-dir", tool.CertDir, "--src-authfile", tool.AuthFile, repo + ":latest", $"oci:{pulled}:x")).ExpectSuccess();
                Assert.Equal(manifest, RegistryImageLayout.DigestOfTag(pulled, "x"));
            }
            finally
            {
                Directory.Delete(pulled, recursive: true);
            }
        }

        var whole = RegistryImageLayout.NewDirectory();
        try
        {
            (await tool.SkopeoAsync("copy", "--all", "--src-cert-dir", tool.CertDir, "--src-authfile", tool.AuthFile, $"{repo}@{image.TopDigest}", $"oci:{whole}:all")).ExpectSuccess();
            Assert.Equal(image.TopDigest, RegistryImageLayout.DigestOfTag(whole, "all"));
        }
        finally
        {
            Directory.Delete(whole, recursive: true);
        }
    }

    [Fact]
    public async Task Login_with_a_wrong_access_credential_is_refused_and_stores_nothing()
    {
        using var tool = new RegistryClientTool(fixture.CertDir);
        var result = (await tool.SkopeoWithInputAsync("not-a-valid-key", "login", "--cert-dir", tool.CertDir, "--authfile", tool.AuthFile, "-u", "tkestack", "--password-stdin", fixture.RegistryHost)).ExpectFailure();
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(result.Err, "(?i)401|unauthorized|invalid username/password"), result.Err);
        Assert.False(File.Exists(tool.AuthFile) && File.ReadAllText(tool.AuthFile).Contains(fixture.RegistryHost, StringComparison.Ordinal));
    }

    private async Task LogInAsync(RegistryClientTool tool)
    {
        var key = await fixture.AdminApiKeyAsync();
        (await tool.SkopeoWithInputAsync(key, "login", "--cert-dir", tool.CertDir, "--authfile", tool.AuthFile, "-u", "tkestack", "--password-stdin", fixture.RegistryHost)).ExpectSuccess();
    }

    private static async Task PushAsync(RegistryClientTool tool, string source, string destination) =>
        (await tool.SkopeoAsync("copy", "--dest-cert-dir", tool.CertDir, "--dest-authfile", tool.AuthFile, source, destination)).ExpectSuccess();
}

using System.Text.Json.Nodes;

namespace Tke.E2E.Tests.Registry;

/// <summary>
/// buildah (no daemon) builds an image from scratch, logs in, pushes it through TLS with the
/// platform's CA and pulls it back into an empty image store: the file and the configuration survive.
/// </summary>
[Collection(RegistryServerCollection.Name)]
public sealed class RegistryBuildahTests(RegistryServerFixture fixture)
{
    [Fact]
    public async Task Buildah_builds_pushes_and_pulls_back_an_image_with_its_file_and_config()
    {
        var ns = await fixture.CreateNamespaceAsync("buildah", "Private");
        var pushed = $"{fixture.RegistryHost}/{ns}/built:v1";
        var greeting = "hello from buildah " + Guid.NewGuid().ToString("N");
        using var builder = new RegistryClientTool(fixture.CertDir);
        await BuildAsync(builder, "built:v1", greeting);

        (await builder.BuildahWithInputAsync(await fixture.AdminApiKeyAsync(), "login", "--cert-dir", builder.CertDir, "--authfile", builder.AuthFile, "-u", "tkestack", "--password-stdin", fixture.RegistryHost)).ExpectSuccess();
        var digestFile = Path.Combine(builder.Home, "pushed.digest");
        (await builder.BuildahAsync("push", "--cert-dir", builder.CertDir, "--authfile", builder.AuthFile, "--digestfile", digestFile, "built:v1", "docker://" + pushed)).ExpectSuccess();
        var digest = File.ReadAllText(digestFile).Trim();
        Assert.Equal(digest, await fixture.ManifestDigestAsync(ns + "/built", "v1"));

        // A second store, empty, logged in as the platform user rather than with the access credential.
        using var puller = new RegistryClientTool(fixture.CertDir);
        Assert.Empty((await puller.BuildahAsync("images", "--quiet")).ExpectSuccess().Out.Trim());
        (await puller.BuildahWithInputAsync(RegistryServerFixture.AdminPassword, "login", "--cert-dir", puller.CertDir, "--authfile", puller.AuthFile, "-u", "admin", "--password-stdin", fixture.RegistryHost)).ExpectSuccess();
        (await puller.BuildahAsync("pull", "--cert-dir", puller.CertDir, "--authfile", puller.AuthFile, "docker://" + pushed)).ExpectSuccess();

        Assert.Equal(digest, (await puller.BuildahAsync("images", "--format", "{{.Digest}}", pushed)).ExpectSuccess().Out.Trim());
        var config = JsonNode.Parse((await puller.BuildahAsync("inspect", "--type", "image", pushed)).ExpectSuccess().Out)!["OCIv1"]!["config"]!;
        Assert.Contains("GREETING=hi", config["Env"]!.AsArray().Select(e => (string?)e));
        Assert.Equal("built-by-buildah", (string?)config["Labels"]!["org.tkestack.e2e"]);
        Assert.Equal(["cat", "/greeting.txt"], config["Cmd"]!.AsArray().Select(c => (string)c!));

        // The file is in the pulled root filesystem; mounting a vfs image store needs root, as the CI runs.
        Assert.True(Environment.IsPrivilegedProcess, $"buildah mounts the pulled image to read its files, which needs root; the tests run as {Environment.UserName}");
        var container = (await puller.BuildahAsync("from", "--pull-never", pushed)).ExpectSuccess().Out.Trim();
        var rootfs = (await puller.BuildahAsync("mount", container)).ExpectSuccess().Out.Trim();
        Assert.Equal(greeting, File.ReadAllText(Path.Combine(rootfs, "greeting.txt")));
        (await puller.BuildahAsync("umount", container)).ExpectSuccess();
    }

    [Fact]
    public async Task Buildah_login_with_a_wrong_password_fails_and_stores_nothing()
    {
        using var tool = new RegistryClientTool(fixture.CertDir);
        foreach (var (user, password) in new[] { ("admin", "not-the-password"), ("tkestack", "not-a-valid-key") })
        {
            var refused = (await tool.BuildahWithInputAsync(password, "login", "--cert-dir", tool.CertDir, "--authfile", tool.AuthFile, "-u", user, "--password-stdin", fixture.RegistryHost)).ExpectFailure();
            Assert.Contains($"logging into \"{fixture.RegistryHost}\": invalid username/password", refused.Err, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(fixture.RegistryHost, File.ReadAllText(tool.AuthFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Buildah_push_into_another_tenants_namespace_is_refused()
    {
        var foreignNs = await fixture.CreateNamespaceAsync("bforeign", "Public", tenant: "t2");
        using var tool = new RegistryClientTool(fixture.CertDir);
        await BuildAsync(tool, "intruder:v1", "not yours");
        (await tool.BuildahWithInputAsync(await fixture.AdminApiKeyAsync(), "login", "--cert-dir", tool.CertDir, "--authfile", tool.AuthFile, "-u", "tkestack", "--password-stdin", fixture.RegistryHost)).ExpectSuccess();

        var refused = (await tool.BuildahAsync("push", "--cert-dir", tool.CertDir, "--authfile", tool.AuthFile, "intruder:v1", $"docker://{fixture.RegistryHost}/{foreignNs}/app:v1")).ExpectFailure();
        // Refused at the first blob upload, with the registry's DENIED error.
        Assert.Contains("denied: requested access to the resource is denied", refused.Err, StringComparison.Ordinal);
    }

    /// <summary>Builds <paramref name="name"/> from scratch with one file and some configuration, without a daemon.</summary>
    private static async Task BuildAsync(RegistryClientTool tool, string name, string greeting)
    {
        var container = (await tool.BuildahAsync("from", "scratch")).ExpectSuccess().Out.Trim();
        var file = Path.Combine(tool.Home, "greeting.txt");
        File.WriteAllText(file, greeting);
        (await tool.BuildahAsync("copy", container, file, "/greeting.txt")).ExpectSuccess();
        (await tool.BuildahAsync("config", "--env", "GREETING=hi", "--label", "org.tkestack.e2e=built-by-buildah", "--cmd", """["cat", "/greeting.txt"]""", container)).ExpectSuccess();
        (await tool.BuildahAsync("commit", "--rm", container, name)).ExpectSuccess();
    }
}

namespace Tke.E2E.Tests.Registry;

/// <summary>podman (no daemon) logs in with an access credential, pushes and pulls through TLS with the platform's CA.</summary>
[Collection(RegistryServerCollection.Name)]
public sealed class RegistryPodmanTests(RegistryServerFixture fixture)
{
    [Fact]
    public async Task Podman_logs_in_pushes_and_pulls_an_image()
    {
        var ns = await fixture.CreateNamespaceAsync("podman", "Private");
        using var tool = new RegistryClientTool(fixture.CertDir);
        using var image = RegistryImageLayout.SinglePlatform("v1");
        var pushed = $"{fixture.RegistryHost}/{ns}/app:v1";

        (await tool.PodmanWithInputAsync(await fixture.AdminApiKeyAsync(), "login", "--cert-dir", tool.CertDir, "--authfile", tool.AuthFile, "-u", "tkestack", "--password-stdin", fixture.RegistryHost)).ExpectSuccess();
        (await tool.PodmanAsync("pull", image.Reference)).ExpectSuccess();
        var local = (await tool.PodmanAsync("images", "--quiet", "--no-trunc")).ExpectSuccess().Out.Trim().Split('\n').Single();
        (await tool.PodmanAsync("tag", local, pushed)).ExpectSuccess();
        (await tool.PodmanAsync("push", "--cert-dir", tool.CertDir, "--authfile", tool.AuthFile, pushed)).ExpectSuccess();

        (await tool.PodmanAsync("rmi", "--all", "--force")).ExpectSuccess();
        (await tool.PodmanAsync("pull", "--cert-dir", tool.CertDir, "--authfile", tool.AuthFile, pushed)).ExpectSuccess();
        var pulledId = (await tool.PodmanAsync("images", "--quiet", "--no-trunc", pushed)).ExpectSuccess().Out.Trim();
        Assert.Equal(local, pulledId);

        // Logged out, the private image is refused.
        (await tool.PodmanAsync("logout", "--authfile", tool.AuthFile, fixture.RegistryHost)).ExpectSuccess();
        var refused = (await tool.PodmanAsync("pull", "--cert-dir", tool.CertDir, "--authfile", tool.AuthFile, pushed)).ExpectFailure();
        Assert.Matches("(?i)401|unauthorized|authentication required", refused.Err);
    }
}

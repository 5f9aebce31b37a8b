using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Tke.ApiServer.Hosting;
using Tke.Auth.Server;
using Tke.Registry.Access;

namespace Tke.Registry.Tests.Access;

/// <summary>
/// Debian's skopeo (containers/image) as the real client of the refresh_token grant: given an
/// identity token in its auth file, as docker login stores one, it pushes and lists through a
/// server with the auth and registry components, exchanging the token for access tokens; once the
/// user is locked, the same auth file is refused.
/// </summary>
public sealed class SkopeoIdentityTokenTests : IAsyncLifetime
{
    private const string AdminPassword = "Admin12345pw";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tke-registry-skopeo-" + Guid.NewGuid().ToString("N"));
    private ApiServerHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiServerHost.StartAsync(
            new ApiServerOptions { DataDir = Path.Combine(_dir, "server"), ListenPort = 0, CompactionInterval = TimeSpan.Zero },
            [new Tke.Auth.Apis.AuthApiGroup(), new Tke.Registry.Apis.RegistryApiGroup()],
            [new AuthComponent(new AuthOptions { AdminPassword = AdminPassword }), new RegistryComponent(new RegistryOptions())],
            default);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_dir, true);
    }

    private string RegistryHost => $"{_host.Address.Host}:{_host.Address.Port}";

    private HttpClient Client()
    {
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        return new HttpClient(handler) { BaseAddress = _host.Address };
    }

    private async Task<HttpClient> AdminClientAsync()
    {
        var http = Client();
        var login = await http.PostAsync("/oidc/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = "admin", ["password"] = AdminPassword, ["client_id"] = "tke", ["scope"] = "openid",
        }));
        var accessToken = (string)JsonNode.Parse(await login.Content.ReadAsStringAsync())!["access_token"]!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return http;
    }

    [Fact]
    public async Task Skopeo_pushes_and_lists_with_an_identity_token_until_the_user_is_locked()
    {
        using var admin = await AdminClientAsync();
        var created = await admin.PostAsync("/apis/registry.tkestack.io/v1/namespaces", new StringContent(
            """{"apiVersion":"registry.tkestack.io/v1","kind":"Namespace","metadata":{"generateName":"rns-"},"spec":{"name":"team","displayName":"team","tenantID":"default","visibility":"Private"}}""",
            Encoding.UTF8,
            "application/json"));
        Assert.Equal(201, (int)created.StatusCode);

        // docker login's token request: Basic credentials and offline_token=true.
        using var http = Client();
        using var login = new HttpRequestMessage(HttpMethod.Get, RegistryAccessOptions.TokenPath + "?service=tke&offline_token=true&client_id=docker");
        login.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + AdminPassword)));
        var answer = await http.SendAsync(login);
        Assert.Equal(200, (int)answer.StatusCode);
        var identityToken = (string)JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["refresh_token"]!;

        // The auth file as docker login writes it given an identity token: the user name, no password.
        var authFile = Path.Combine(_dir, "auth.json");
        var entry = new JsonObject { ["auth"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:")), ["identitytoken"] = identityToken };
        await File.WriteAllTextAsync(authFile, new JsonObject { ["auths"] = new JsonObject { [RegistryHost] = entry } }.ToJsonString());
        var certDir = Path.Combine(_dir, "certs");
        Directory.CreateDirectory(certDir);
        File.Copy(Path.Combine(_dir, "server", "pki", "ca.crt"), Path.Combine(certDir, "ca.crt"));
        var repository = $"docker://{RegistryHost}/team/app";

        var push = await SkopeoAsync("copy", "--dest-cert-dir", certDir, "--dest-authfile", authFile, "oci:" + WriteImageLayout("v1") + ":v1", repository + ":v1");
        Assert.True(push.Code == 0, push.Output);
        var tags = await SkopeoAsync("list-tags", "--cert-dir", certDir, "--authfile", authFile, repository);
        Assert.True(tags.Code == 0, tags.Output);
        Assert.Equal(["v1"], JsonNode.Parse(tags.Output)!["Tags"]!.AsArray().Select(t => (string)t!));

        var list = JsonNode.Parse(await admin.GetStringAsync("/apis/auth.tkestack.io/v1/localidentities?fieldSelector=spec.username%3Dadmin"))!;
        var account = list["items"]![0]!.AsObject();
        account["status"] = new JsonObject { ["locked"] = true };
        var locked = await admin.PutAsync($"/apis/auth.tkestack.io/v1/localidentities/{(string)account["metadata"]!["name"]!}/status", new StringContent(account.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(200, (int)locked.StatusCode);

        var refused = await SkopeoAsync("list-tags", "--cert-dir", certDir, "--authfile", authFile, repository);
        Assert.NotEqual(0, refused.Code);
        Assert.Contains("obtain access token: invalid status code from registry 400", refused.Output); // invalid_grant
    }

    /// <summary>Runs skopeo with its home in the test's directory; stdout and stderr together.</summary>
    private async Task<(int Code, string Output)> SkopeoAsync(params string[] args)
    {
        var start = new ProcessStartInfo("skopeo") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = _dir;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2)); // a hung client must not hang the suite
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output + await error);
    }

    /// <summary>An OCI image layout of one small layer, tagged <paramref name="tag"/>; returns its directory.</summary>
    private string WriteImageLayout(string tag)
    {
        var dir = Path.Combine(_dir, "image");
        Directory.CreateDirectory(Path.Combine(dir, "blobs", "sha256"));
        string Blob(byte[] content)
        {
            var hex = Convert.ToHexStringLower(SHA256.HashData(content));
            File.WriteAllBytes(Path.Combine(dir, "blobs", "sha256", hex), content);
            return "sha256:" + hex;
        }

        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "hello.txt") { DataStream = new MemoryStream(RandomNumberGenerator.GetBytes(512)) });
        }

        var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(tar.ToArray());
        }

        var layer = gzipped.ToArray();
        var config = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray("sha256:" + Convert.ToHexStringLower(SHA256.HashData(tar.ToArray()))) },
        }.ToJsonString());
        var manifest = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = new JsonObject { ["mediaType"] = "application/vnd.oci.image.config.v1+json", ["digest"] = Blob(config), ["size"] = config.Length },
            ["layers"] = new JsonArray(new JsonObject { ["mediaType"] = "application/vnd.oci.image.layer.v1.tar+gzip", ["digest"] = Blob(layer), ["size"] = layer.Length }),
        }.ToJsonString());
        File.WriteAllText(Path.Combine(dir, "index.json"), new JsonObject
        {
            ["schemaVersion"] = 2,
            ["manifests"] = new JsonArray(new JsonObject
            {
                ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
                ["digest"] = Blob(manifest),
                ["size"] = manifest.Length,
                ["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = tag },
            }),
        }.ToJsonString());
        File.WriteAllText(Path.Combine(dir, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        return dir;
    }
}

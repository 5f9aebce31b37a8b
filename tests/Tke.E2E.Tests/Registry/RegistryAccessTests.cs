using System.Net;

namespace Tke.E2E.Tests.Registry;

/// <summary>Who may pull and push: anonymous pulls of public namespaces only, and never into another tenant's namespace.</summary>
[Collection(RegistryServerCollection.Name)]
public sealed class RegistryAccessTests(RegistryServerFixture fixture)
{
    [Fact]
    public async Task Anyone_pulls_from_a_public_namespace_but_a_private_one_needs_credentials()
    {
        var publicNs = await fixture.CreateNamespaceAsync("pub", "Public");
        var privateNs = await fixture.CreateNamespaceAsync("priv", "Private");
        using var pusher = new RegistryClientTool(fixture.CertDir);
        (await pusher.SkopeoWithInputAsync(await fixture.AdminApiKeyAsync(), "login", "--cert-dir", pusher.CertDir, "--authfile", pusher.AuthFile, "-u", "tkestack", "--password-stdin", fixture.RegistryHost)).ExpectSuccess();
        using var image = RegistryImageLayout.SinglePlatform("v1", layers: 1);
        foreach (var ns in new[] { publicNs, privateNs })
        {
            (await pusher.SkopeoAsync("copy", "--dest-cert-dir", pusher.CertDir, "--dest-authfile", pusher.AuthFile, image.Reference, $"docker://{fixture.RegistryHost}/{ns}/app:v1")).ExpectSuccess();
        }

        using var anonymous = new RegistryClientTool(fixture.CertDir);
        var pulled = RegistryImageLayout.NewDirectory();
        try
        {
            (await anonymous.SkopeoAsync("copy", "--src-no-creds", "--src-cert-dir", anonymous.CertDir, $"docker://{fixture.RegistryHost}/{publicNs}/app:v1", $"oci:{pulled}:v1")).ExpectSuccess();
            Assert.Equal(image.TopDigest, RegistryImageLayout.DigestOfTag(pulled, "v1"));
        }
        finally
        {
            Directory.Delete(pulled, recursive: true);
        }

        var refused = (await anonymous.SkopeoAsync("inspect", "--no-creds", "--cert-dir", anonymous.CertDir, $"docker://{fixture.RegistryHost}/{privateNs}/app:v1")).ExpectFailure();
        Assert.Matches("(?i)401|unauthorized|authentication required", refused.Err);

        // Over plain HTTP too: the manifest of the private image is 401 with Docker's challenge.
        using var http = fixture.Server.CreateHttpClient(null);
        using var response = await http.GetAsync($"/v2/{privateNs}/app/manifests/v1");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = RegistryTokenFlow.ParseChallenge(response);
        Assert.NotNull(challenge);
        Assert.Contains("realm", challenge!.Keys);
    }

    [Fact]
    public async Task A_push_into_another_tenants_namespace_is_refused_and_creates_nothing()
    {
        var foreignNs = await fixture.CreateNamespaceAsync("foreign", "Public", tenant: "t2");
        using var tool = new RegistryClientTool(fixture.CertDir);
        (await tool.SkopeoWithInputAsync(await fixture.AdminApiKeyAsync(), "login", "--cert-dir", tool.CertDir, "--authfile", tool.AuthFile, "-u", "tkestack", "--password-stdin", fixture.RegistryHost)).ExpectSuccess();
        using var image = RegistryImageLayout.SinglePlatform("v1", layers: 1);

        var refused = (await tool.SkopeoAsync("copy", "--dest-cert-dir", tool.CertDir, "--dest-authfile", tool.AuthFile, image.Reference, $"docker://{fixture.RegistryHost}/{foreignNs}/app:v1")).ExpectFailure();
        Assert.Matches("(?i)denied|unauthorized|401|403|not found|unknown", refused.Err);

        // Addressed by t2's own host name, the default tenant's administrator may not push either.
        var key = await fixture.AdminApiKeyAsync();
        using var http = fixture.Server.CreateHttpClient(null);
        using var upload = await RegistryTokenFlow.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Post, $"/v2/{foreignNs}/app/blobs/uploads/")
        {
            Headers = { Host = "t2.registry.tke.com" },
            Content = new ByteArrayContent([]),
        }, "tkestack", key);
        Assert.Contains((int)upload.StatusCode, new[] { 401, 403, 404 });
        Assert.Matches("UNAUTHORIZED|DENIED|NAME_UNKNOWN", await upload.Content.ReadAsStringAsync());

        // t2's public image list shows nothing was created.
        using var tags = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/v2/{foreignNs}/app/tags/list") { Headers = { Host = "t2.registry.tke.com" } });
        Assert.NotEqual(HttpStatusCode.OK, tags.StatusCode);
    }

    [Fact]
    public async Task The_serving_certificate_covers_tenant_registry_host_names()
    {
        // TKEStack's registry host is <tenant>.registry.<domain>; the generated certificate must verify for it.
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, fixture.BaseAddress.Port, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new System.Net.Security.SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => CertificateVerifies(certificate, errors),
            },
        };
        using var client = new HttpClient(handler);
        using var response = await client.GetAsync($"https://default.registry.tke.com:{fixture.BaseAddress.Port}/v2/");
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Unauthorized });
        Assert.Equal("registry/2.0", response.Headers.TryGetValues("Docker-Distribution-API-Version", out var v) ? v.Single() : null);
    }

    private bool CertificateVerifies(System.Security.Cryptography.X509Certificates.X509Certificate? certificate, System.Net.Security.SslPolicyErrors errors)
    {
        if (certificate is null || (errors & ~System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors) != System.Net.Security.SslPolicyErrors.None)
        {
            return false;
        }

        using var ca = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(fixture.Server.DataDir, "pki", "ca.crt")));
        using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
        chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
        using var leaf = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}

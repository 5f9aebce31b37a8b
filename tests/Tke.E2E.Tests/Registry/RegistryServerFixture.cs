using System.Net;
using System.Text.Json.Nodes;
using Tke.E2E.Tests.Auth;
using Tke.E2E.Tests.Hosting;
using Tke.E2E.Tests.Resources;

namespace Tke.E2E.Tests.Registry;

/// <summary>
/// A server of its own for the registry tests, with the first administrator's password known: the
/// tests log in as "admin", issue an access credential (API key) for `docker login -u tkestack`,
/// and create registry namespaces and chart groups through the API.
/// </summary>
public sealed class RegistryServerFixture() : TkeServerFixture("--watch-bookmark-interval", "1s", "--admin-password", RegistryServerFixture.AdminPassword)
{
    public const string AdminPassword = "Registry12345Pw";
    public const string RegistryApi = "/apis/registry.tkestack.io/v1";

    private string? _apiKey;
    private string? _certDir;

    /// <summary>The registry's host as clients name it: the server's loopback address, no tenant prefix
    /// (the tenant is then the caller's, or "default" for anonymous pulls).</summary>
    public string RegistryHost => $"{BaseAddress.Host}:{BaseAddress.Port}";

    /// <summary>A directory holding the platform CA as ca.crt, the layout --cert-dir expects.</summary>
    public string CertDir
    {
        get
        {
            if (_certDir is null)
            {
                var dir = Path.Combine(Server.DataDir, "client-certs");
                Directory.CreateDirectory(dir);
                File.Copy(Path.Combine(Server.DataDir, "pki", "ca.crt"), Path.Combine(dir, "ca.crt"), overwrite: true);
                _certDir = dir;
            }

            return _certDir;
        }
    }

    public ResourceClient Namespaces => new(Http, RegistryApi + "/namespaces", Server.Output);

    public ResourceClient ChartGroups => new(Http, RegistryApi + "/chartgroups", Server.Output);

    /// <summary>An access credential of the administrator "admin", issued once per fixture.</summary>
    public async Task<string> AdminApiKeyAsync()
    {
        if (_apiKey is not null)
        {
            return _apiKey;
        }

        var api = new AuthApi(Server);
        using var admin = await api.LogInAsync("admin", AdminPassword);
        var issued = (await api.IssueApiKeyAsync(admin, "2h", "registry e2e")).Expect(201);
        _apiKey = (string)issued.Json!["spec"]!["apiKey"]!;
        return _apiKey;
    }

    /// <summary>The digest the registry reports (Docker-Content-Digest) for a tag of the default tenant,
    /// read with the administrator's access credential; null when it has no such manifest.</summary>
    public async Task<string?> ManifestDigestAsync(string repository, string tag)
    {
        var key = await AdminApiKeyAsync();
        using var http = Server.CreateHttpClient(null);
        // No Accept header: the registry answers with the manifest as it was pushed.
        using var response = await RegistryTokenFlow.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Head, $"/v2/{repository}/manifests/{tag}"), "tkestack", key);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Docker-Content-Digest").Single();
    }

    /// <summary>Creates a registry namespace of <paramref name="tenant"/> with a unique name and returns that name.</summary>
    public async Task<string> CreateNamespaceAsync(string prefix, string visibility, string tenant = "default")
    {
        var name = AuthManifests.UniqueName(prefix);
        (await Namespaces.CreateAsync(new JsonObject
        {
            ["apiVersion"] = "registry.tkestack.io/v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["generateName"] = "rns-" },
            ["spec"] = new JsonObject
            {
                ["name"] = name,
                ["displayName"] = "e2e " + prefix,
                ["tenantID"] = tenant,
                ["visibility"] = visibility,
            },
        })).Expect(201);
        return name;
    }

    /// <summary>Creates a self-built chart group (a Helm repository) of the default tenant and returns its name.</summary>
    public async Task<string> CreateChartGroupAsync(string prefix, string visibility)
    {
        var name = AuthManifests.UniqueName(prefix);
        (await ChartGroups.CreateAsync(new JsonObject
        {
            ["apiVersion"] = "registry.tkestack.io/v1",
            ["kind"] = "ChartGroup",
            ["metadata"] = new JsonObject { ["generateName"] = "cg-" },
            ["spec"] = new JsonObject
            {
                ["name"] = name,
                ["displayName"] = "e2e " + prefix,
                ["tenantID"] = "default",
                ["visibility"] = visibility,
                ["type"] = "SelfBuilt",
                ["description"] = "charts pushed by the e2e tests",
            },
        })).Expect(201);
        return name;
    }
}

[CollectionDefinition(Name)]
public sealed class RegistryServerCollection : ICollectionFixture<RegistryServerFixture>
{
    public const string Name = "registry tke server";
}

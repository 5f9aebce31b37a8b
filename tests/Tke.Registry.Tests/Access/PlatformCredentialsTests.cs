using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Http;
using Tke.ApiServer.Components;
using Tke.ApiServer.Hosting;
using Tke.Auth.Server;
using Tke.Registry.Access;

namespace Tke.Registry.Tests.Access;

/// <summary>
/// The credential seam with the real auth component: a server with auth.tkestack.io and the
/// registry kinds, and a component that receives the server context as the registry does. The
/// admin's password and an access credential created through the API are verified; wrong ones
/// are refused; and the registry's token service grants through the real verifier.
/// </summary>
public sealed class PlatformCredentialsTests : IAsyncLifetime
{
    private const string AdminPassword = "Admin12345pw";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tke-registry-seam-" + Guid.NewGuid().ToString("N"));
    private readonly ContextProbe _probe = new();
    private ApiServerHost _host = null!;

    /// <summary>Keeps what a component gets, as the registry component would.</summary>
    private sealed class ContextProbe : IServerComponent
    {
        public ServerContext Context { get; private set; } = null!;

        public ApiSurface Surface { get; private set; } = null!;

        public IReadOnlyList<IAdmissionPlugin> CreateAdmissionPlugins(ServerContext context) => [];

        public Task<ComponentWiring> StartAsync(ServerContext context, ApiSurface surface, Uri address, CancellationToken cancellationToken)
        {
            Context = context;
            Surface = surface;
            return Task.FromResult(new ComponentWiring());
        }
    }

    public async Task InitializeAsync()
    {
        _host = await ApiServerHost.StartAsync(
            new ApiServerOptions { DataDir = _dir, ListenPort = 0, CompactionInterval = TimeSpan.Zero },
            [new Tke.Auth.Apis.AuthApiGroup(), new Tke.Registry.Apis.RegistryApiGroup()],
            [new AuthComponent(new AuthOptions { AdminPassword = AdminPassword }), _probe],
            default);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_dir, true);
    }

    private HttpClient Client()
    {
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        return new HttpClient(handler) { BaseAddress = _host.Address };
    }

    private async Task<string> AdminAccessTokenAsync()
    {
        using var http = Client();
        var login = await http.PostAsync("/oidc/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "admin",
            ["password"] = AdminPassword,
            ["client_id"] = "tke",
            ["scope"] = "openid",
        }));
        return (string)JsonNode.Parse(await login.Content.ReadAsStringAsync())!["access_token"]!;
    }

    private async Task<string> AccessCredentialAsync()
    {
        using var http = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, ApiKeyIssuer.Path)
        {
            Content = new StringContent("""{"description":"registry","expire":"1h"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await AdminAccessTokenAsync());
        var created = await http.SendAsync(request);
        Assert.Equal(201, (int)created.StatusCode);
        return (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["spec"]!["apiKey"]!;
    }

    /// <summary>Asks the token service of <paramref name="setup"/>; returns the status and the JSON body.</summary>
    private static async Task<(int Status, JsonNode Body)> AskAsync(RegistryAccessSetup setup, Microsoft.AspNetCore.Http.DefaultHttpContext context)
    {
        await setup.TokenHandler.Handle(context, Tke.ApiMachinery.Requests.RequestUser.Anonymous);
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, JsonNode.Parse(context.Response.Body)!);
    }

    private static async Task<(int Status, JsonNode Body)> RefreshAsync(RegistryAccessSetup setup, string refreshToken)
    {
        var context = AccessRig.Request(RegistryAccessOptions.TokenPath);
        context.Request.Method = "POST";
        context.Request.ContentType = "application/x-www-form-urlencoded";
        context.Request.Body = await new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["service"] = "tke", ["client_id"] = "docker", ["scope"] = "registry:catalog:*",
        }).ReadAsStreamAsync();
        return await AskAsync(setup, context);
    }

    [Fact]
    public async Task The_auth_component_verifies_passwords_for_other_components()
    {
        var credentials = _probe.Context.Credentials;
        Assert.True(credentials.IsBound);

        var admin = await credentials.VerifyPasswordAsync(null, "admin", AdminPassword, "127.0.0.1", default);
        var wrong = await credentials.VerifyPasswordAsync(null, "admin", "Wrong12345pw", "127.0.0.1", default);
        var unknown = await credentials.VerifyPasswordAsync(null, "nobody", AdminPassword, "127.0.0.1", default);

        Assert.Equal("admin", admin.User?.Name);
        Assert.Equal("default", admin.User?.TenantId);
        Assert.Null(wrong.User);
        Assert.Equal("invalid username or password", wrong.Failure);
        Assert.Equal(wrong.Failure, unknown.Failure);
    }

    [Fact]
    public async Task The_auth_component_verifies_access_credentials_and_refuses_forged_ones()
    {
        var key = await AccessCredentialAsync();
        var credentials = _probe.Context.Credentials;

        var verified = await credentials.VerifyBearerAsync(key, default);
        var forged = await credentials.VerifyBearerAsync(key[..^4] + (key.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"), default);

        Assert.Equal("admin", verified.User?.Name);
        Assert.Null(forged.User);
        Assert.NotNull(forged.Failure);
    }

    [Fact]
    public async Task Docker_login_with_tkestack_and_an_access_credential_goes_through_the_real_verifier()
    {
        var key = await AccessCredentialAsync();
        var setup = RegistryAccessSetup.Create(_probe.Context, _probe.Surface, new RegistryAccessOptions());

        var ok = AccessRig.Request(RegistryAccessOptions.TokenPath + "?service=tke", basic: "tkestack:" + key);
        await setup.TokenHandler.Handle(ok, Tke.ApiMachinery.Requests.RequestUser.Anonymous);
        var wrong = AccessRig.Request(RegistryAccessOptions.TokenPath + "?service=tke", basic: "admin:Wrong12345pw");
        await setup.TokenHandler.Handle(wrong, Tke.ApiMachinery.Requests.RequestUser.Anonymous);
        var principal = await setup.Access.IdentifyAsync(AccessRig.Request("/v2/", basic: "admin:" + AdminPassword).Request, default);

        Assert.Equal(200, ok.Response.StatusCode);
        Assert.Equal(401, wrong.Response.StatusCode);
        Assert.Equal("admin", principal?.UserName);
        Assert.True(File.Exists(RegistryAccessSetup.KeyPath(_dir)));
    }

    [Fact]
    public async Task Refresh_tokens_from_docker_login_are_checked_by_the_real_verifier_and_end_when_the_user_is_locked()
    {
        var key = await AccessCredentialAsync();
        var setup = RegistryAccessSetup.Create(_probe.Context, _probe.Surface, new RegistryAccessOptions());
        var (credentialLogin, byCredential) = await AskAsync(setup, AccessRig.Request(RegistryAccessOptions.TokenPath + "?service=tke&offline_token=true&client_id=docker", basic: "tkestack:" + key));
        var (passwordLogin, byPassword) = await AskAsync(setup, AccessRig.Request(RegistryAccessOptions.TokenPath + "?service=tke&offline_token=true&client_id=docker", basic: "admin:" + AdminPassword));
        Assert.Equal(200, credentialLogin);
        Assert.Equal(200, passwordLogin);

        foreach (var login in new[] { byCredential, byPassword })
        {
            var (status, body) = await RefreshAsync(setup, (string)login["refresh_token"]!);
            Assert.Equal(200, status);
            Assert.Equal("registry:catalog:*", (string?)body["scope"]);
            var principal = await setup.Access.IdentifyAsync(AccessRig.Request("/v2/_catalog", bearer: (string)body["access_token"]!).Request, default);
            Assert.Equal("admin", principal?.UserName);
        }

        // Lock the administrator through the API, as the console does.
        using var http = Client();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await AdminAccessTokenAsync());
        var list = JsonNode.Parse(await http.GetStringAsync("/apis/auth.tkestack.io/v1/localidentities?fieldSelector=spec.username%3Dadmin"))!;
        var admin = list["items"]![0]!.AsObject();
        admin["status"] = new JsonObject { ["locked"] = true };
        var locked = await http.PutAsync($"/apis/auth.tkestack.io/v1/localidentities/{(string)admin["metadata"]!["name"]!}/status", new StringContent(admin.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(200, (int)locked.StatusCode);

        foreach (var login in new[] { byCredential, byPassword })
        {
            var (status, body) = await RefreshAsync(setup, (string)login["refresh_token"]!);
            Assert.Equal(400, status);
            Assert.Equal("invalid_grant", (string?)body["error"]);
            Assert.Contains("may no longer log in", (string?)body["error_description"]);
        }
    }
}

using Tke.Registry.Access;

namespace Tke.Registry.Tests.Access;

public sealed class TokenServiceTests : IClassFixture<AccessRig>
{
    private readonly AccessRig _rig;

    public TokenServiceTests(AccessRig rig) => _rig = rig;

    private static string[] Actions(RegistryToken token, string name) =>
        token.Access.Single(a => a.Name == name).Actions.Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task An_access_credential_with_user_tkestack_gets_what_was_asked_and_allowed()
    {
        var (status, body) = await _rig.TokenAsync("repository:priv/app:pull,push", basic: "tkestack:" + FakeCredentials.AliceKey);

        Assert.Equal(200, status);
        Assert.Equal((string?)body["token"], (string?)body["access_token"]);
        Assert.Equal(3600, (int)body["expires_in"]!);
        Assert.Equal("2024-06-01T12:00:00Z", (string?)body["issued_at"]);
        var token = _rig.Granted(body);
        Assert.Equal("alice", token.Subject);
        Assert.Equal("default", token.Tenant);
        Assert.Equal(["pull", "push"], Actions(token, "priv/app"));
    }

    [Fact]
    public async Task The_OAuth2_password_form_that_containerd_posts_gets_an_access_token()
    {
        var (status, body) = await _rig.TokenPostAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["service"] = "tke", ["client_id"] = "containerd-client",
            ["scope"] = "repository:pub/app:pull,push", ["username"] = "alice", ["password"] = "Alice12345pw",
        });

        Assert.Equal(200, status);
        var token = _rig.Validator.Validate((string)body["access_token"]!, out var problem);
        Assert.True(token is not null, problem);

        var (wrong, refusal) = await _rig.TokenPostAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["service"] = "tke", ["scope"] = "repository:pub/app:pull", ["username"] = "alice", ["password"] = "wrong",
        });
        Assert.Equal(401, wrong);
        Assert.NotNull(refusal["details"]);

        // Grants other than password and refresh_token are refused as RFC 6749 says.
        var (code, error) = await _rig.TokenPostAsync(new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = "x", ["service"] = "tke" });
        Assert.Equal(400, code);
        Assert.Equal("unsupported_grant_type", (string?)error["error"]);

        var (put, _) = await _rig.TokenPostAsync(new Dictionary<string, string> { ["grant_type"] = "password" }, method: "PUT");
        Assert.Equal(405, put);
    }

    [Fact]
    public async Task A_platform_user_logs_in_with_their_password()
    {
        var (status, body) = await _rig.TokenAsync("repository:pub/app:push,pull", basic: "alice:Alice12345pw");

        Assert.Equal(200, status);
        var token = _rig.Granted(body);
        Assert.Equal("alice", token.Subject);
        Assert.Equal(["pull", "push"], Actions(token, "pub/app"));
    }

    [Fact]
    public async Task Docker_login_without_scope_needs_valid_credentials()
    {
        var (ok, _) = await _rig.TokenAsync("", basic: "alice:Alice12345pw");
        var (anonymous, body) = await _rig.TokenAsync("");

        Assert.Equal(200, ok);
        Assert.Equal(401, anonymous);
        Assert.Contains("tkestack", (string?)body["details"]);
    }

    [Theory]
    [InlineData("alice:wrong-password", "invalid username or password")]
    [InlineData("tkestack:" + FakeCredentials.ExpiredKey, "the access credential has expired")]
    [InlineData("tkestack:" + FakeCredentials.DisabledKey, "the access credential is disabled")]
    [InlineData("tkestack:not-a-credential", "access credential as the password")]
    public async Task Wrong_credentials_are_401_with_a_message_docker_shows(string basic, string message)
    {
        var (status, body) = await _rig.TokenAsync("repository:pub/app:pull", basic: basic);

        Assert.Equal(401, status);
        Assert.Null(body["token"]);
        Assert.Contains(message, (string?)body["details"]);
        Assert.Equal("UNAUTHORIZED", (string?)body["errors"]![0]!["code"]);
        Assert.Contains(message, (string?)body["errors"]![0]!["message"]);
    }

    [Fact]
    public async Task Anonymous_callers_get_pull_of_public_namespaces_only()
    {
        var (status, body) = await _rig.TokenAsync("repository:pub/app:pull,push repository:priv/app:pull repository:missing/app:pull");

        Assert.Equal(200, status);
        var token = _rig.Granted(body);
        Assert.True(token.IsAnonymous);
        Assert.Equal(["pull"], Actions(token, "pub/app"));
        Assert.Empty(Actions(token, "priv/app"));
        Assert.Empty(Actions(token, "missing/app"));
    }

    [Fact]
    public async Task Asking_push_where_only_pull_is_allowed_gives_pull_only()
    {
        // bob's policies let him read but not write.
        var (status, body) = await _rig.TokenAsync("repository:pub/app:pull,push repository:priv/app:push,pull,delete", basic: "bob:Bob12345pw");

        Assert.Equal(200, status);
        var token = _rig.Granted(body);
        Assert.Equal(["pull"], Actions(token, "pub/app"));
        Assert.Equal(["pull"], Actions(token, "priv/app"));
    }

    [Fact]
    public async Task The_policy_question_names_the_namespace_object_and_the_image()
    {
        await _rig.TokenAsync("repository:priv/team/app:push", basic: "alice:Alice12345pw");

        var asked = _rig.Policies.Asked.Last(a => a.Name == "team/app");
        Assert.Equal("create", asked.Verb);
        Assert.Equal("registry.tkestack.io", asked.Group);
        Assert.Equal("repositories", asked.Resource);
        Assert.StartsWith("rns-", asked.Namespace);
    }

    [Fact]
    public async Task Another_tenants_namespaces_are_never_granted()
    {
        // carol (tenant "other") at the default tenant's registry: not even its public namespace.
        var (status, _) = await _rig.TokenAsync("repository:pub/app:pull,push", basic: "carol:Carol12345pw");
        Assert.Equal(401, status); // her password is not one of tenant default's

        // alice at tenant other's registry host: her credentials are for "default".
        var (login, loginBody) = await _rig.TokenAsync("", host: "other.registry.tke.com", basic: "tkestack:" + FakeCredentials.AliceKey);
        Assert.Equal(401, login);
        Assert.Contains("tenant \"other\"", (string?)loginBody["details"]);

        var (pull, pullBody) = await _rig.TokenAsync("repository:shared/app:pull,push", host: "other.registry.tke.com", basic: "tkestack:" + FakeCredentials.AliceKey);
        Assert.Equal(200, pull);
        Assert.Empty(Actions(_rig.Granted(pullBody), "shared/app"));
    }

    [Fact]
    public async Task The_host_name_selects_the_tenant()
    {
        var (_, atOther) = await _rig.TokenAsync("repository:shared/app:pull", host: "other.registry.tke.com");
        var (_, atDefault) = await _rig.TokenAsync("repository:shared/app:pull", host: "default.registry.tke.com");
        var (_, atPlatform) = await _rig.TokenAsync("repository:pub/app:pull", host: "127.0.0.1:9443");

        var other = _rig.Granted(atOther);
        Assert.Equal("other", other.Tenant);
        Assert.Equal(["pull"], Actions(other, "shared/app"));
        Assert.Empty(Actions(_rig.Granted(atDefault), "shared/app")); // no "shared" in tenant default
        var platform = _rig.Granted(atPlatform);
        Assert.Equal("default", platform.Tenant); // neither host nor caller names one
        Assert.Equal(["pull"], Actions(platform, "pub/app"));
    }

    [Fact]
    public async Task A_foreign_service_is_refused()
    {
        var context = AccessRig.Request(RegistryAccessOptions.TokenPath + "?service=registry.docker.io&scope=repository:pub/app:pull");
        await _rig.TokenEndpoint.HandleAsync(context);

        Assert.Equal(400, context.Response.StatusCode);
    }

    [Fact]
    public async Task The_signing_key_is_kept_private_and_reused()
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_rig.KeyPath));
        using var again = RegistryTokenKey.LoadOrCreate(_rig.KeyPath);
        Assert.Equal(_rig.Key.KeyId, again.KeyId);
    }
}

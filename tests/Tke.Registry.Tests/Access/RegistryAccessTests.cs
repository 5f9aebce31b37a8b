using System.Buffers.Text;
using System.Text;
using Tke.Registry.Access;

namespace Tke.Registry.Tests.Access;

public sealed class RegistryAccessTests : IClassFixture<AccessRig>
{
    private readonly AccessRig _rig;

    public RegistryAccessTests(AccessRig rig) => _rig = rig;

    private async Task<string> TokenAsync(string scopes, string? basic, string host = "default.registry.tke.com")
    {
        var (status, body) = await _rig.TokenAsync(scopes, host, basic);
        Assert.Equal(200, status);
        return (string)body["token"]!;
    }

    private Task<RegistryPrincipal?> IdentifyAsync(string host = "default.registry.tke.com", string? basic = null, string? bearer = null) =>
        _rig.Access.IdentifyAsync(AccessRig.Request("/v2/pub/app/manifests/v1", host, basic, bearer).Request, default).AsTask();

    [Fact]
    public async Task A_registry_token_identifies_its_user_and_allows_what_it_grants()
    {
        var jwt = await TokenAsync("repository:priv/app:pull,push", "alice:Alice12345pw");

        var principal = await IdentifyAsync(bearer: jwt);

        Assert.NotNull(principal);
        Assert.Equal("alice", principal.UserName);
        Assert.Equal("default", principal.Tenant);
        Assert.Equal(RegistryDecision.Allowed, await _rig.Access.AuthorizeAsync(principal, "priv/app", RegistryAction.Push, default));
        Assert.Equal(RegistryDecision.Allowed, await _rig.Access.AuthorizeAsync(principal, "priv/app", RegistryAction.Pull, default));
    }

    [Fact]
    public async Task A_token_without_the_scope_asks_for_a_new_token_and_one_beyond_the_users_rights_is_denied()
    {
        var alice = await IdentifyAsync(bearer: await TokenAsync("repository:priv/app:pull", "alice:Alice12345pw"));
        var bob = await IdentifyAsync(bearer: await TokenAsync("repository:priv/app:pull,push", "bob:Bob12345pw"));

        Assert.Equal(RegistryDecision.Unauthenticated, await _rig.Access.AuthorizeAsync(alice!, "priv/app", RegistryAction.Push, default));
        Assert.Equal(RegistryDecision.Unauthenticated, await _rig.Access.AuthorizeAsync(alice!, "priv/other", RegistryAction.Pull, default));
        Assert.Equal(RegistryDecision.Denied, await _rig.Access.AuthorizeAsync(bob!, "priv/app", RegistryAction.Push, default));
    }

    [Fact]
    public async Task A_tampered_token_is_refused()
    {
        var jwt = await TokenAsync("repository:pub/app:pull", null);
        var parts = jwt.Split('.');
        var claims = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1]))
            .Replace("\"actions\":[\"pull\"]", "\"actions\":[\"pull\",\"push\"]", StringComparison.Ordinal);
        Assert.Contains("push", claims);
        var forged = parts[0] + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims)) + "." + parts[2];

        Assert.Null(await IdentifyAsync(bearer: forged));
        Assert.Null(_rig.Validator.Validate(forged, out var problem));
        Assert.Contains("signature", problem);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_or_for_another_service_is_refused()
    {
        var dir = Path.Combine(Path.GetTempPath(), "tke-registry-key-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var otherKey = RegistryTokenKey.LoadOrCreate(Path.Combine(dir, "k"));
            var grants = new[] { new RegistryScope("repository", "pub/app", ["pull", "push"]) };
            var (foreignKey, _) = new RegistryTokenIssuer(_rig.Options, otherKey, _rig.Clock).Issue("alice", [], "default", "default", grants);
            var (foreignService, _) = new RegistryTokenIssuer(_rig.Options with { Service = "elsewhere" }, _rig.Key, _rig.Clock).Issue("alice", [], "default", "default", grants);

            Assert.Null(await IdentifyAsync(bearer: foreignKey));
            Assert.Null(await IdentifyAsync(bearer: foreignService));
            Assert.Null(_rig.Validator.Validate(foreignService, out var problem));
            Assert.Contains("service", problem);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var rig = new AccessRig();
        await rig.InitializeAsync();
        try
        {
            var (_, body) = await rig.TokenAsync("repository:pub/app:pull", basic: "alice:Alice12345pw");
            var jwt = (string)body["token"]!;
            var request = AccessRig.Request("/v2/pub/app/manifests/v1", bearer: jwt).Request;
            Assert.NotNull(await rig.Access.IdentifyAsync(request, default));

            rig.Clock.Advance(rig.Options.TokenLifetime + rig.Options.ClockSkew);

            Assert.Null(await rig.Access.IdentifyAsync(request, default));
            Assert.Null(rig.Validator.Validate(jwt, out var problem));
            Assert.Contains("expired", problem);
        }
        finally
        {
            await rig.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_token_for_one_tenant_is_refused_at_another_tenants_host()
    {
        var jwt = await TokenAsync("repository:pub/app:pull", null, "default.registry.tke.com");

        Assert.NotNull(await IdentifyAsync("default.registry.tke.com", bearer: jwt));
        Assert.Null(await IdentifyAsync("other.registry.tke.com", bearer: jwt));
    }

    [Fact]
    public async Task Basic_credentials_identify_directly_and_wrong_ones_are_refused()
    {
        var alice = await IdentifyAsync(basic: "alice:Alice12345pw");
        var key = await IdentifyAsync(basic: "tkestack:" + FakeCredentials.AliceKey);

        Assert.Equal("alice", alice?.UserName);
        Assert.Equal("alice", key?.UserName);
        Assert.Equal(RegistryDecision.Allowed, await _rig.Access.AuthorizeAsync(alice!, "priv/chart-app", RegistryAction.Push, default));
        Assert.Null(await IdentifyAsync(basic: "alice:nope"));
        Assert.Null(await IdentifyAsync(basic: "tkestack:" + FakeCredentials.DisabledKey));
        Assert.Null(await IdentifyAsync(bearer: "not-a-token"));
    }

    [Fact]
    public async Task A_verified_basic_login_is_remembered_briefly()
    {
        var before = _rig.Credentials.PasswordChecks;
        await IdentifyAsync(basic: "bob:Bob12345pw");
        await IdentifyAsync(basic: "bob:Bob12345pw");

        Assert.Equal(before + 1, _rig.Credentials.PasswordChecks);
    }

    [Fact]
    public async Task Anonymous_callers_pull_public_images_and_are_asked_to_log_in_for_the_rest()
    {
        var anonymous = await IdentifyAsync();

        Assert.NotNull(anonymous);
        Assert.True(anonymous.IsAnonymous);
        Assert.Equal(RegistryDecision.Allowed, await _rig.Access.AuthorizeAsync(anonymous, "pub/app", RegistryAction.Pull, default));
        Assert.Equal(RegistryDecision.Unauthenticated, await _rig.Access.AuthorizeAsync(anonymous, "pub/app", RegistryAction.Push, default));
        Assert.Equal(RegistryDecision.Unauthenticated, await _rig.Access.AuthorizeAsync(anonymous, "priv/app", RegistryAction.Pull, default));
        Assert.Equal(RegistryDecision.Unauthenticated, await _rig.Access.AuthorizeAsync(anonymous, "missing/app", RegistryAction.Pull, default));
    }

    [Fact]
    public async Task Another_tenants_repositories_are_not_found_and_pushes_need_an_existing_namespace()
    {
        var carolAtOther = await IdentifyAsync("other.registry.tke.com", basic: "carol:Carol12345pw");
        Assert.Equal("other", carolAtOther?.Tenant);
        var alice = await IdentifyAsync(basic: "alice:Alice12345pw");
        var aliceAtOther = await IdentifyAsync("other.registry.tke.com", basic: "tkestack:" + FakeCredentials.AliceKey);

        Assert.Equal(RegistryDecision.NotFound, await _rig.Access.AuthorizeAsync(aliceAtOther!, "shared/app", RegistryAction.Pull, default));
        Assert.Equal(RegistryDecision.NotFound, await _rig.Access.AuthorizeAsync(aliceAtOther!, "shared/app", RegistryAction.Push, default));
        Assert.Equal(RegistryDecision.Allowed, await _rig.Access.AuthorizeAsync(carolAtOther!, "shared/app", RegistryAction.Push, default));
        Assert.Equal(RegistryDecision.NotFound, await _rig.Access.AuthorizeAsync(alice!, "shared/app", RegistryAction.Pull, default));
        Assert.Equal(RegistryDecision.Denied, await _rig.Access.AuthorizeAsync(alice!, "shared/app", RegistryAction.Push, default));
    }

    [Fact]
    public async Task The_tenant_comes_from_the_host_else_the_caller_else_default()
    {
        Assert.Equal("other", (await IdentifyAsync("other.registry.tke.com"))?.Tenant);
        Assert.Equal("other", (await IdentifyAsync("OTHER.Registry.TKE.com"))?.Tenant);
        Assert.Equal("default", (await IdentifyAsync("127.0.0.1:9443"))?.Tenant);
        Assert.Equal("other", (await IdentifyAsync("127.0.0.1:9443", bearer: FakeCredentials.CarolKey))?.Tenant);
        Assert.Equal("default", (await IdentifyAsync("a.b.registry.tke.com"))?.Tenant);
    }

    [Fact]
    public void The_challenge_names_the_realm_service_and_scope()
    {
        var request = AccessRig.Request("/v2/pub/app/blobs/uploads/", "default.registry.tke.com:9443").Request;

        Assert.Equal(
            "Bearer realm=\"https://default.registry.tke.com:9443/registry/auth\",service=\"tke\",scope=\"repository:pub/app:pull,push\"",
            _rig.Access.Challenge(request, "pub/app", [RegistryAction.Pull, RegistryAction.Push]));
        Assert.Equal(
            "Bearer realm=\"https://default.registry.tke.com:9443/registry/auth\",service=\"tke\"",
            _rig.Access.Challenge(request, null, []));
    }
}

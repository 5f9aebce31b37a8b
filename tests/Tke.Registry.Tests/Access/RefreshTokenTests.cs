using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using Tke.Auth.Apis.LocalIdentities;
using Tke.Registry.Access;

namespace Tke.Registry.Tests.Access;

/// <summary>
/// Refresh tokens of the token service (Docker's OAuth2 token spec): docker login's offline_token
/// and the password grant's access_type=offline hand one out; the refresh_token grant exchanges it
/// for access tokens granted from the user's rights at that moment, and refuses (invalid_grant)
/// once the user, account or credential behind it is gone, or the token is forged, expired or for
/// another service or tenant. Each test has its own rig, since some move the clock or lock users.
/// </summary>
public sealed class RefreshTokenTests : IAsyncLifetime
{
    private readonly AccessRig _rig = new();

    public Task InitializeAsync() => _rig.InitializeAsync();

    public Task DisposeAsync() => _rig.DisposeAsync();

    private static string[] Actions(RegistryToken token, string name) =>
        token.Access.Single(a => a.Name == name).Actions.Order(StringComparer.Ordinal).ToArray();

    /// <summary>docker login: no scope, Basic credentials, offline_token=true; returns the refresh token.</summary>
    private async Task<string> DockerLoginAsync(string basic, string host = "default.registry.tke.com")
    {
        var (status, body) = await _rig.TokenAsync("", host: host, basic: basic, extra: "&offline_token=true&client_id=docker");
        Assert.Equal(200, status);
        var refreshToken = (string?)body["refresh_token"];
        Assert.False(string.IsNullOrEmpty(refreshToken));
        return refreshToken!;
    }

    private Task<(int Status, JsonNode Body)> RefreshAsync(string refreshToken, string scope = "", string service = "tke", string host = "default.registry.tke.com") =>
        _rig.TokenPostAsync(
            new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["service"] = service, ["client_id"] = "docker", ["scope"] = scope,
            },
            host: host);

    private async Task AssertInvalidGrantAsync(string refreshToken, string because, string service = "tke", string host = "default.registry.tke.com")
    {
        var (status, body) = await RefreshAsync(refreshToken, "repository:pub/app:pull", service, host);
        Assert.Equal(400, status);
        Assert.Equal("invalid_grant", (string?)body["error"]);
        Assert.Contains(because, (string?)body["error_description"]);
        Assert.Null(body["access_token"]);
    }

    [Fact]
    public async Task Docker_login_with_offline_token_gets_a_refresh_token_that_buys_access_tokens_for_any_scope()
    {
        var refreshToken = await DockerLoginAsync("alice:Alice12345pw");

        var (status, body) = await RefreshAsync(refreshToken, "repository:priv/app:pull,push");
        Assert.Equal(200, status);
        Assert.Equal((string?)body["token"], (string?)body["access_token"]);
        Assert.Equal(3600, (int)body["expires_in"]!);
        Assert.Equal("2024-06-01T12:00:00Z", (string?)body["issued_at"]);
        Assert.Equal(refreshToken, (string?)body["refresh_token"]); // the same one, as Docker's spec has it
        Assert.Equal("repository:priv/app:pull,push", (string?)body["scope"]);
        var token = _rig.Granted(body);
        Assert.Equal("alice", token.Subject);
        Assert.Equal("default", token.Tenant);
        Assert.Equal(["pull", "push"], Actions(token, "priv/app"));

        // A refresh token is an identity, not a grant: another scope later is just as good.
        var (again, other) = await RefreshAsync(refreshToken, "repository:pub/tools:pull repository:priv/app:delete");
        Assert.Equal(200, again);
        var second = _rig.Granted(other);
        Assert.Equal(["pull"], Actions(second, "pub/tools"));
        Assert.Equal(["delete"], Actions(second, "priv/app"));
    }

    [Fact]
    public async Task The_password_grant_with_access_type_offline_returns_a_refresh_token()
    {
        var (status, body) = await _rig.TokenPostAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["service"] = "tke", ["client_id"] = "containerd-client", ["access_type"] = "offline",
            ["scope"] = "repository:pub/app:pull", ["username"] = "bob", ["password"] = "Bob12345pw",
        });

        Assert.Equal(200, status);
        Assert.Equal("repository:pub/app:pull", (string?)body["scope"]);
        var refreshToken = (string)body["refresh_token"]!;
        Assert.NotEqual((string?)body["access_token"], refreshToken);

        // bob may only read: the refresh grants him no more than a login would.
        var (refreshed, answer) = await RefreshAsync(refreshToken, "repository:priv/app:pull,push");
        Assert.Equal(200, refreshed);
        var token = _rig.Granted(answer);
        Assert.Equal("bob", token.Subject);
        Assert.Equal(["pull"], Actions(token, "priv/app"));
    }

    [Fact]
    public async Task Only_a_login_that_asks_for_offline_access_gets_a_refresh_token()
    {
        var (_, online) = await _rig.TokenAsync("", basic: "alice:Alice12345pw", extra: "&client_id=docker");
        var (_, form) = await _rig.TokenPostAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["service"] = "tke", ["client_id"] = "containerd-client", ["username"] = "alice", ["password"] = "Alice12345pw",
        });
        var (_, anonymous) = await _rig.TokenAsync("repository:pub/app:pull", extra: "&offline_token=true&client_id=docker");

        // alice at tenant other's registry: a token (granting nothing there), but no identity to keep.
        var (foreignStatus, foreign) = await _rig.TokenAsync("repository:shared/app:pull", host: "other.registry.tke.com", basic: "tkestack:" + FakeCredentials.AliceKey, extra: "&offline_token=true");

        Assert.NotNull(online["token"]);
        Assert.Null(online["refresh_token"]);
        Assert.Null(form["refresh_token"]);
        Assert.NotNull(anonymous["token"]);
        Assert.Null(anonymous["refresh_token"]);
        Assert.Equal(200, foreignStatus);
        Assert.Null(foreign["refresh_token"]);
    }

    [Fact]
    public async Task A_refresh_is_authorised_against_the_rights_the_user_has_now()
    {
        var refreshToken = await DockerLoginAsync("tkestack:" + FakeCredentials.AliceKey);
        var (_, before) = await RefreshAsync(refreshToken, "repository:priv/app:pull,push");
        Assert.Equal(["pull", "push"], Actions(_rig.Granted(before), "priv/app"));

        _rig.Policies.Closed.Add("repositories"); // the policy that let alice push and pull is gone

        var (status, after) = await RefreshAsync(refreshToken, "repository:priv/app:pull,push repository:pub/app:pull");
        Assert.Equal(200, status);
        var token = _rig.Granted(after);
        Assert.Empty(Actions(token, "priv/app"));
        Assert.Equal(["pull"], Actions(token, "pub/app")); // public pulls need no policy
        Assert.Equal("repository:pub/app:pull", (string?)after["scope"]);
    }

    [Fact]
    public async Task A_password_refresh_takes_the_accounts_current_groups()
    {
        var refreshToken = await DockerLoginAsync("alice:Alice12345pw");
        var name = await _rig.AccountNameAsync("default", "alice");
        var account = (LocalIdentity)(await _rig.Accounts.GetAsync(null, name, default)).DecodeCopy();
        account.Spec.Groups = ["registry-admins"];
        await _rig.Accounts.UpdateAsync(null, name, System.Text.Json.JsonSerializer.SerializeToNode(account, Tke.ApiMachinery.Json.ApiJson.Options), null, Tke.Registry.Resources.RegistrySystemUser.Write(), default);

        var (_, body) = await RefreshAsync(refreshToken);

        Assert.Equal(["registry-admins", "system:authenticated"], _rig.Granted(body).Groups.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("locked", "may no longer log in")]
    [InlineData("deleting", "may no longer log in")]
    [InlineData("deleted", "no longer exists")]
    [InlineData("recreated", "no longer exists")]
    public async Task A_user_who_may_no_longer_log_in_can_no_longer_refresh(string change, string because)
    {
        var byPassword = await DockerLoginAsync("alice:Alice12345pw");
        var byCredential = await DockerLoginAsync("tkestack:" + FakeCredentials.AliceKey);
        var bobs = await DockerLoginAsync("bob:Bob12345pw");

        switch (change)
        {
            case "locked":
                await _rig.SetAccountStatusAsync("default", "alice", new LocalIdentityStatus { Locked = true });
                break;
            case "deleting":
                await _rig.SetAccountStatusAsync("default", "alice", new LocalIdentityStatus { Phase = "Deleting" });
                break;
            case "deleted":
                await _rig.DeleteAccountAsync("default", "alice");
                break;
            default:
                // Another person given the name: not the account that logged in.
                await _rig.DeleteAccountAsync("default", "alice");
                await _rig.CreateAccountAsync("default", "alice");
                break;
        }

        await AssertInvalidGrantAsync(byPassword, because);
        await AssertInvalidGrantAsync(byCredential, because); // the credential alone does not outlive its user
        var (other, _) = await RefreshAsync(bobs, "repository:pub/app:pull");
        Assert.Equal(200, other);
    }

    [Theory]
    [InlineData("the access credential has been deleted")]
    [InlineData("the access credential is disabled")]
    [InlineData("the access credential has expired")]
    public async Task A_refresh_token_ends_with_the_access_credential_it_was_obtained_with(string refusal)
    {
        var byCredential = await DockerLoginAsync("tkestack:" + FakeCredentials.AliceKey);
        var byPassword = await DockerLoginAsync("alice:Alice12345pw");
        Assert.DoesNotContain(FakeCredentials.AliceKey, Claims(byCredential).ToJsonString()); // carried sealed, not readable

        _rig.Credentials.Withdrawn[FakeCredentials.AliceKey] = refusal;

        await AssertInvalidGrantAsync(byCredential, refusal);
        var (status, _) = await RefreshAsync(byPassword, "repository:pub/app:pull");
        Assert.Equal(200, status); // her password login does not depend on the credential
    }

    [Fact]
    public async Task An_LDAP_user_refreshes_until_a_local_account_takes_the_name()
    {
        var refreshToken = await DockerLoginAsync("dave:Dave12345pw");

        var (status, body) = await RefreshAsync(refreshToken, "repository:pub/app:pull");
        Assert.Equal(200, status);
        Assert.Contains("ldap-staff", _rig.Granted(body).Groups);

        await _rig.CreateAccountAsync("default", "dave");
        await AssertInvalidGrantAsync(refreshToken, "another account");
    }

    [Fact]
    public async Task Access_tokens_and_refresh_tokens_are_never_taken_for_each_other()
    {
        var (_, login) = await _rig.TokenAsync("repository:pub/app:pull", basic: "alice:Alice12345pw", extra: "&offline_token=true&client_id=docker");
        var accessToken = (string)login["token"]!;
        var refreshToken = (string)login["refresh_token"]!;

        await AssertInvalidGrantAsync(accessToken, "not a refresh token");

        Assert.Null(_rig.Validator.Validate(refreshToken, out var problem));
        Assert.Contains("refresh token", problem);
        var principal = await _rig.Access.IdentifyAsync(AccessRig.Request("/v2/pub/app/tags/list", bearer: refreshToken).Request, default);
        Assert.Null(principal); // answered 401 by the registry
    }

    [Fact]
    public async Task A_tampered_or_foreign_refresh_token_is_refused()
    {
        var refreshToken = await DockerLoginAsync("bob:Bob12345pw");
        var parts = refreshToken.Split('.');

        // Claims changed (bob calls himself alice), signature kept.
        var claims = Claims(refreshToken);
        claims["sub"] = "alice";
        var renamed = parts[0] + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString())) + "." + parts[2];
        await AssertInvalidGrantAsync(renamed, "signature is not valid");

        // A signature bit flipped.
        var signature = Base64Url.DecodeFromChars(parts[2]);
        signature[10] ^= 1;
        await AssertInvalidGrantAsync(parts[0] + "." + parts[1] + "." + Base64Url.EncodeToString(signature), "signature is not valid");

        // Signed by another registry's key.
        using var otherKey = RegistryTokenKey.LoadOrCreate(Path.Combine(Path.GetTempPath(), "tke-other-key-" + Guid.NewGuid().ToString("N"), "k.pem"));
        var (foreign, _) = new RegistryRefreshTokenIssuer(_rig.Options, otherKey, new CredentialSeal(otherKey), _rig.Clock)
            .Issue("bob", ["system:authenticated"], "default", "default", null, null, "docker");
        await AssertInvalidGrantAsync(foreign, "signature is not valid");

        await AssertInvalidGrantAsync("not-a-jwt", "not a JWT");
        await AssertInvalidGrantAsync("eyJ!.eyJ.x", "malformed");
    }

    [Fact]
    public async Task A_refresh_token_expires_after_its_lifetime()
    {
        Assert.Equal(TimeSpan.FromDays(30), _rig.Options.RefreshTokenLifetime);
        var refreshToken = await DockerLoginAsync("alice:Alice12345pw");

        _rig.Clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        var (stillValid, body) = await RefreshAsync(refreshToken, "repository:pub/app:pull");
        Assert.Equal(200, stillValid);
        Assert.Equal(refreshToken, (string?)body["refresh_token"]); // an exchange does not extend it

        _rig.Clock.Advance(TimeSpan.FromMinutes(1) + _rig.Options.ClockSkew);
        await AssertInvalidGrantAsync(refreshToken, "expired");
    }

    [Fact]
    public async Task A_refresh_token_is_bound_to_its_service_and_tenant()
    {
        var refreshToken = await DockerLoginAsync("alice:Alice12345pw");

        await AssertInvalidGrantAsync(refreshToken, "for service 'tke'", service: "registry.docker.io");
        await AssertInvalidGrantAsync(refreshToken, "tenant 'default'", host: "other.registry.tke.com");

        // Issued with the same key by a token service for another service name.
        var elsewhere = _rig.Options with { Service = "harbor" };
        var (foreign, _) = new RegistryRefreshTokenIssuer(elsewhere, _rig.Key, new CredentialSeal(_rig.Key), _rig.Clock)
            .Issue("alice", ["system:authenticated"], "default", "default", null, null, "docker");
        await AssertInvalidGrantAsync(foreign, "not for service 'tke'");

        // At the platform's own address the token's tenant applies.
        var (status, body) = await RefreshAsync(refreshToken, "repository:pub/app:pull", host: "127.0.0.1:9443");
        Assert.Equal(200, status);
        Assert.Equal("default", _rig.Granted(body).Tenant);

        // carol's, from tenant other's registry, works there.
        var carols = await DockerLoginAsync("carol:Carol12345pw", host: "other.registry.tke.com");
        var (atOther, carol) = await RefreshAsync(carols, "repository:shared/app:pull", host: "other.registry.tke.com");
        Assert.Equal(200, atOther);
        Assert.Equal(["pull"], Actions(_rig.Granted(carol), "shared/app"));
    }

    [Theory]
    [InlineData("refresh_token", "invalid_request", "needs refresh_token")]
    [InlineData("service", "invalid_request", "needs service")]
    [InlineData("client_id", "invalid_request", "needs client_id")]
    [InlineData("grant_type", "invalid_request", "grant_type is required")]
    public async Task Missing_parameters_are_an_invalid_request(string left, string error, string description)
    {
        var refreshToken = await DockerLoginAsync("alice:Alice12345pw");
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["service"] = "tke", ["client_id"] = "docker", ["scope"] = "repository:pub/app:pull",
        };
        form.Remove(left);

        var (status, body) = await _rig.TokenPostAsync(form);

        Assert.Equal(400, status);
        Assert.Equal(error, (string?)body["error"]);
        Assert.Contains(description, (string?)body["error_description"]);
        Assert.Null(body["access_token"]);
    }

    [Fact]
    public async Task A_client_id_outside_RFC_6749_syntax_is_an_invalid_request()
    {
        var refreshToken = await DockerLoginAsync("alice:Alice12345pw");

        var (status, body) = await _rig.TokenPostAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["service"] = "tke", ["client_id"] = "dock\ner",
        });

        Assert.Equal(400, status);
        Assert.Equal("invalid_request", (string?)body["error"]);
    }

    private static JsonObject Claims(string jwt) => JsonNode.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[1]))!.AsObject();
}

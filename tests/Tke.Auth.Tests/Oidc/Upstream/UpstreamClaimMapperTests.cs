using System.Text;
using System.Text.Json.Nodes;
using Tke.Auth.Oidc.Upstream;

namespace Tke.Auth.Tests.Oidc.Upstream;

public sealed class UpstreamClaimMapperTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Defaults_take_sub_preferred_username_and_a_verified_email_but_no_groups()
    {
        var identity = Map("{}", UpstreamTestIssuer.Claims(Now, "n"));

        Assert.Equal(new UpstreamIdentity("user-123", "alice", "alice@example.com", []), identity with { Groups = [] });
        Assert.Empty(identity.Groups);
    }

    [Fact]
    public void Name_stands_in_for_a_missing_preferred_username()
    {
        var claims = UpstreamTestIssuer.Claims(Now, "n");
        claims.Remove("preferred_username");

        Assert.Equal("Alice Example", Map("{}", claims).Username);
    }

    [Fact]
    public void Configured_keys_pick_the_user_id_and_name()
    {
        var claims = UpstreamTestIssuer.Claims(Now, "n");
        claims["oid"] = "00000000-1111";
        claims["upn"] = "alice@corp";

        var identity = Map("""{"userIDKey":"oid","userNameKey":"upn"}""", claims);

        Assert.Equal("00000000-1111", identity.UserId);
        Assert.Equal("alice@corp", identity.Username);
    }

    [Fact]
    public void A_configured_key_that_is_missing_fails_the_login()
    {
        var e = Assert.Throws<UpstreamLoginException>(() => Map("""{"userIDKey":"oid"}""", UpstreamTestIssuer.Claims(Now, "n")));

        Assert.Contains("\"oid\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Claim_mapping_applies_when_the_standard_claims_are_absent()
    {
        var claims = UpstreamTestIssuer.Claims(Now, "n");
        claims.Remove("preferred_username");
        claims.Remove("email");
        claims.Remove("groups");
        claims["login"] = "alice2";
        claims["mail"] = "a2@example.com";
        claims["roles"] = new JsonArray("admins");

        var identity = Map("""{"insecureEnableGroups":true,"claimMapping":{"preferred_username":"login","email":"mail","groups":"roles"}}""", claims);

        Assert.Equal("alice2", identity.Username);
        Assert.Equal("a2@example.com", identity.Email);
        Assert.Equal(["admins"], identity.Groups);
    }

    [Fact]
    public void Groups_need_insecure_enable_groups()
    {
        Assert.Equal(["dev", "ops"], Map("""{"insecureEnableGroups":true}""", UpstreamTestIssuer.Claims(Now, "n")).Groups);
    }

    [Fact]
    public void Malformed_groups_fail_the_login()
    {
        var claims = UpstreamTestIssuer.Claims(Now, "n");
        claims["groups"] = new JsonArray("dev", 7);

        Assert.Throws<UpstreamLoginException>(() => Map("""{"insecureEnableGroups":true}""", claims));
    }

    [Fact]
    public void Email_verification_follows_dex()
    {
        var claims = UpstreamTestIssuer.Claims(Now, "n");
        claims.Remove("email_verified");

        // With the email scope, an unstated verification fails unless told to trust the upstream.
        Assert.Throws<UpstreamLoginException>(() => Map("{}", claims));
        Assert.Equal("alice@example.com", Map("""{"insecureSkipEmailVerified":true}""", claims).Email);

        // An address the upstream says is unverified is not passed on.
        claims["email_verified"] = false;
        Assert.Null(Map("{}", claims).Email);
    }

    [Fact]
    public void Without_the_email_scope_no_email_is_needed()
    {
        var claims = UpstreamTestIssuer.Claims(Now, "n");
        claims.Remove("email");
        claims.Remove("email_verified");

        Assert.Null(Map("""{"scopes":["profile"]}""", claims).Email);
        Assert.Throws<UpstreamLoginException>(() => Map("{}", claims));
    }

    private static UpstreamIdentity Map(string extraConfig, JsonObject claims)
    {
        var config = JsonNode.Parse("""{"issuer":"https://idp.example.com","clientID":"a","clientSecret":"b"}""")!.AsObject();
        foreach (var (name, value) in JsonNode.Parse(extraConfig)!.AsObject())
        {
            config[name] = value?.DeepClone();
        }

        var parsed = UpstreamClaims.Parse(Encoding.UTF8.GetBytes(claims.ToJsonString()))!;
        return new UpstreamClaimMapper(UpstreamOidcConfig.Parse(config.ToJsonString())).Map(parsed);
    }
}

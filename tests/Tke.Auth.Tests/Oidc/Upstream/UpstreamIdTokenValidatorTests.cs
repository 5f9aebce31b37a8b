using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Tke.Auth.Oidc.Upstream;

namespace Tke.Auth.Tests.Oidc.Upstream;

public sealed class UpstreamIdTokenValidatorTests : IDisposable
{
    private const string Nonce = "n-0S6_WzA2Mj";

    private readonly ManualClock _clock = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly UpstreamTestIssuer _upstream = new();
    private readonly UpstreamIdTokenValidator _validator;

    public UpstreamIdTokenValidatorTests() =>
        _validator = new UpstreamIdTokenValidator(UpstreamTestIssuer.Issuer, UpstreamTestIssuer.ClientId, _clock);

    [Fact]
    public void An_rs256_token_from_the_upstream_is_accepted()
    {
        var claims = _validator.Validate(_upstream.SignRs256(Claims()), _upstream.Keys, Nonce);

        Assert.Equal("user-123", claims.Subject);
        Assert.Equal("alice", claims.String("preferred_username"));
    }

    [Fact]
    public void An_es256_token_from_the_upstream_is_accepted()
    {
        var claims = _validator.Validate(_upstream.SignEs256(Claims()), _upstream.Keys, Nonce);

        Assert.Equal("user-123", claims.Subject);
    }

    [Fact]
    public void A_token_without_kid_is_checked_against_every_key_of_its_type()
    {
        Assert.Equal("user-123", _validator.Validate(_upstream.SignEs256(Claims(), kid: null), _upstream.Keys, Nonce).Subject);
    }

    [Fact]
    public void A_token_signed_by_another_key_under_the_upstreams_kid_is_forged()
    {
        using var attacker = RSA.Create(2048);

        var e = Reject(_upstream.SignRs256(Claims(), key: attacker));

        Assert.Equal(UpstreamTokenProblem.BadSignature, e.Problem);
    }

    [Fact]
    public void A_changed_payload_breaks_the_signature()
    {
        var token = _upstream.SignRs256(Claims());
        var parts = token.Split('.');
        var forged = Claims();
        forged["sub"] = "admin";
        var payload = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(forged.ToJsonString()));

        Assert.Equal(UpstreamTokenProblem.BadSignature, Reject($"{parts[0]}.{payload}.{parts[2]}").Problem);
    }

    [Fact]
    public void An_unknown_kid_is_refused()
    {
        Assert.Equal(UpstreamTokenProblem.UnknownKey, Reject(_upstream.SignRs256(Claims(), kid: "other")).Problem);
    }

    [Fact]
    public void An_rsa_key_is_not_used_for_es256()
    {
        Assert.Equal(UpstreamTokenProblem.UnknownKey, Reject(_upstream.SignEs256(Claims(), kid: UpstreamTestIssuer.RsaKid)).Problem);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("RS512")]
    public void Other_algorithms_are_refused(string alg)
    {
        var token = UpstreamTestIssuer.Sign(alg, UpstreamTestIssuer.RsaKid, Claims(), _ => [1, 2, 3]);

        Assert.Equal(UpstreamTokenProblem.UnsupportedAlgorithm, Reject(token).Problem);
    }

    [Fact]
    public void A_token_for_another_client_is_refused()
    {
        var claims = Claims();
        claims["aud"] = "someone-else";

        Assert.Equal(UpstreamTokenProblem.WrongAudience, Reject(_upstream.SignRs256(claims)).Problem);
    }

    [Fact]
    public void One_of_several_audiences_is_enough_when_azp_names_us()
    {
        var claims = Claims();
        claims["aud"] = new JsonArray("other", UpstreamTestIssuer.ClientId);
        claims["azp"] = UpstreamTestIssuer.ClientId;

        Assert.Equal("user-123", _validator.Validate(_upstream.SignRs256(claims), _upstream.Keys, Nonce).Subject);

        claims["azp"] = "other";
        Assert.Equal(UpstreamTokenProblem.WrongAudience, Reject(_upstream.SignRs256(claims)).Problem);
    }

    [Fact]
    public void A_token_from_another_issuer_is_refused()
    {
        var claims = Claims();
        claims["iss"] = "https://evil.example.com";

        Assert.Equal(UpstreamTokenProblem.WrongIssuer, Reject(_upstream.SignRs256(claims)).Problem);
    }

    [Fact]
    public void An_expired_token_is_refused_after_the_clock_skew()
    {
        var token = _upstream.SignRs256(Claims());

        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(30));
        Assert.Equal("user-123", _validator.Validate(token, _upstream.Keys, Nonce).Subject);

        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(UpstreamTokenProblem.Expired, Reject(token).Problem);
    }

    [Fact]
    public void A_token_not_valid_yet_is_refused()
    {
        var claims = Claims();
        claims["nbf"] = (_clock.Now + TimeSpan.FromMinutes(10)).ToUnixTimeSeconds();

        Assert.Equal(UpstreamTokenProblem.NotYetValid, Reject(_upstream.SignRs256(claims)).Problem);
    }

    [Fact]
    public void A_token_without_exp_is_refused()
    {
        var claims = Claims();
        claims.Remove("exp");

        Assert.Equal(UpstreamTokenProblem.MissingClaim, Reject(_upstream.SignRs256(claims)).Problem);
    }

    [Fact]
    public void A_token_from_another_sign_in_has_another_nonce()
    {
        Assert.Equal(UpstreamTokenProblem.NonceMismatch, Assert.Throws<UpstreamIdTokenException>(() =>
            _validator.Validate(_upstream.SignRs256(Claims()), _upstream.Keys, "another-nonce")).Problem);

        var claims = Claims();
        claims.Remove("nonce");
        Assert.Equal(UpstreamTokenProblem.NonceMismatch, Reject(_upstream.SignRs256(claims)).Problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30.!!")]
    public void Malformed_tokens_are_refused(string token)
    {
        Assert.Equal(UpstreamTokenProblem.Malformed, Reject(token).Problem);
    }

    [Fact]
    public void Critical_header_extensions_are_refused()
    {
        var header = System.Buffers.Text.Base64Url.EncodeToString("""{"alg":"RS256","kid":"rsa-1","crit":["exp"]}"""u8);
        var token = _upstream.SignRs256(Claims());

        Assert.Equal(UpstreamTokenProblem.Malformed, Reject(header + token[token.IndexOf('.')..]).Problem);
    }

    public void Dispose() => _upstream.Dispose();

    private JsonObject Claims() => UpstreamTestIssuer.Claims(_clock.Now, Nonce);

    private UpstreamIdTokenException Reject(string token) =>
        Assert.Throws<UpstreamIdTokenException>(() => _validator.Validate(token, _upstream.Keys, Nonce));
}

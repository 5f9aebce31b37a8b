using Tke.ApiMachinery.Errors;
using Tke.Auth.Oidc.Keys;
using Tke.Auth.Oidc.Tokens;

namespace Tke.Auth.Tests.Oidc;

public sealed class TokenValidationTests
{
    private readonly OidcRig _rig = new();

    private SigningKey Signer => _rig.Ring.Current.SignerAt(_rig.Clock.Now)!;

    [Fact]
    public void IssuedTokensValidateWithTheirClaims()
    {
        var tokens = _rig.IssueForAlice();
        var id = _rig.Validator.Validate(tokens.IdToken);
        Assert.Equal(TokenKind.IdToken, id.Kind);
        Assert.Equal(OidcRig.Issuer, id.Issuer);
        Assert.Equal("usr-alice", id.Subject);
        Assert.Equal(["default"], id.Audiences);
        Assert.Equal("alice", id.Name);
        Assert.Equal("alice@example.com", id.Email);
        Assert.Equal(["dev", "ops"], id.Groups);
        Assert.Equal("default", id.TenantId);
        Assert.Equal("n-0S6", id.Nonce);
        Assert.Equal("sess-1", id.SessionId);
        Assert.Equal(Signer.Kid, id.KeyId);

        var access = _rig.Validator.Validate(tokens.AccessToken);
        Assert.Equal(TokenKind.AccessToken, access.Kind);
        Assert.Null(access.Nonce);
    }

    [Fact]
    public async Task AuthenticatorTurnsTokenIntoRequestUser()
    {
        var user = _rig.Authenticator.Authenticate("Bearer " + _rig.IssueForAlice().IdToken);
        Assert.NotNull(user);
        Assert.Equal("alice", user.Name);
        Assert.Equal("default", user.TenantId);
        Assert.Contains("dev", user.Groups);
        Assert.Contains("system:authenticated", user.Groups);

        var context = OidcRig.Get("", bearer: _rig.IssueForAlice().AccessToken);
        Assert.Equal("alice", (await _rig.Authenticator.AuthenticateAsync(context.Request, default))!.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Basic YWxpY2U6cHc=")]
    [InlineData("Bearer tke-apikey-opaque")]
    [InlineData("Bearer 0123456789abcdef")]
    public void NonJwtCredentialsAreLeftToOtherAuthenticators(string header) =>
        Assert.Null(_rig.Authenticator.Authenticate(header));

    [Fact]
    public void ExpiredTokenIsRejectedAfterClockSkew()
    {
        var token = _rig.IssueForAlice().IdToken;
        _rig.Clock.Advance(_rig.Options.IdTokenLifetime + TimeSpan.FromSeconds(30));
        Assert.Equal("alice", _rig.Validator.Validate(token).Name);
        _rig.Clock.Advance(_rig.Options.ClockSkew);
        AssertRejected(token, TokenRejection.Expired);
    }

    [Fact]
    public void CachedTokenStillExpires()
    {
        var token = _rig.IssueForAlice().IdToken;
        Assert.NotNull(_rig.Authenticator.Authenticate("Bearer " + token));
        _rig.Clock.Advance(_rig.Options.IdTokenLifetime + _rig.Options.ClockSkew);
        var error = Assert.Throws<StatusError>(() => _rig.Authenticator.Authenticate("Bearer " + token));
        Assert.Equal(401, error.Code);
        Assert.Contains("expired", error.Message);
    }

    [Fact]
    public void TokenIssuedInTheFutureIsRejected()
    {
        var payload = _rig.AlicePayload();
        payload["iat"] = (_rig.Clock.Now + TimeSpan.FromHours(1)).ToUnixTimeSeconds();
        AssertRejected(OidcRig.Forge(Signer, Header(Signer), payload), TokenRejection.NotYetValid);
    }

    [Fact]
    public void WrongIssuerIsRejected() =>
        AssertRejected(OidcRig.Forge(Signer, Header(Signer), _rig.AlicePayload(iss: "https://evil.example.com/oidc")), TokenRejection.WrongIssuer);

    [Fact]
    public void WrongAudienceIsRejected()
    {
        AssertRejected(OidcRig.Forge(Signer, Header(Signer), _rig.AlicePayload(aud: "someone-else")), TokenRejection.WrongAudience);
        Assert.Equal("alice", _rig.Validator.Validate(OidcRig.Forge(Signer, Header(Signer), _rig.AlicePayload(aud: "someone-else")), checkAudience: false).Name);
    }

    [Fact]
    public void TamperedPayloadIsRejected()
    {
        var parts = _rig.IssueForAlice().IdToken.Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]));
        var tampered = payload.Replace("\"groups\":[\"dev\",\"ops\"]", "\"groups\":[\"system:masters\"]");
        Assert.NotEqual(payload, tampered);
        AssertRejected(parts[0] + "." + OidcRig.B64(System.Text.Encoding.UTF8.GetBytes(tampered)) + "." + parts[2], TokenRejection.BadSignature);
    }

    [Fact]
    public void TokenSignedByAnotherKeyWithOurKidIsRejected()
    {
        var other = SigningKey.Generate(_rig.Clock.Now, _rig.Policy);
        AssertRejected(OidcRig.Forge(other, Header(Signer), _rig.AlicePayload()), TokenRejection.BadSignature);
    }

    [Fact]
    public void UnknownKidIsRejected()
    {
        var other = SigningKey.Generate(_rig.Clock.Now, _rig.Policy);
        AssertRejected(OidcRig.Forge(other, Header(other), _rig.AlicePayload()), TokenRejection.UnknownKey);
        AssertRejected(OidcRig.Forge(other, new { alg = "RS256", typ = "JWT" }, _rig.AlicePayload()), TokenRejection.UnknownKey);
    }

    [Fact]
    public void AlgNoneAndOtherAlgorithmsAreRejected()
    {
        var payload = OidcRig.B64(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(_rig.AlicePayload()));
        var none = OidcRig.B64("{\"alg\":\"none\",\"kid\":\""u8.ToArray().Concat(System.Text.Encoding.ASCII.GetBytes(Signer.Kid + "\"}")).ToArray());
        AssertRejected(none + "." + payload + ".", TokenRejection.UnsupportedAlgorithm);
        AssertRejected(none + "." + payload + ".AAAA", TokenRejection.UnsupportedAlgorithm);
        AssertRejected(OidcRig.Forge(Signer, new { alg = "HS256", kid = Signer.Kid }, _rig.AlicePayload()), TokenRejection.UnsupportedAlgorithm);
    }

    [Theory]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.sig.extra")]
    [InlineData("eyJ!!!.eyJzdWIiOiJ4In0.c2ln")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln=")]
    [InlineData("eyJhbGc.eyJzdWIiOiJ4In0.c2ln")]
    [InlineData("eyJbXQ.eyJzdWIiOiJ4In0.c2ln")]
    [InlineData("eyJ.e.c")]
    public void MalformedTokensAreRejected(string token) => AssertRejected(token, TokenRejection.Malformed);

    [Fact]
    public void MalformedJwtIsA401NotAFallThrough()
    {
        var error = Assert.Throws<StatusError>(() => _rig.Authenticator.Authenticate("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0"));
        Assert.Equal(401, error.Code);
        Assert.Contains("three", error.Message);
    }

    [Fact]
    public void PayloadWithWrongClaimTypesIsMalformedNotACrash()
    {
        var payload = _rig.AlicePayload();
        payload["groups"] = new[] { 1, 2 };
        AssertRejected(OidcRig.Forge(Signer, Header(Signer), payload), TokenRejection.Malformed);
        payload = _rig.AlicePayload();
        payload.Remove("sub");
        AssertRejected(OidcRig.Forge(Signer, Header(Signer), payload), TokenRejection.MissingClaim);
    }

    [Fact]
    public void TenantMayBeAPlainStringClaim()
    {
        var payload = _rig.AlicePayload();
        payload["federated_claims"] = "tenant-b";
        Assert.Equal("tenant-b", _rig.Validator.Validate(OidcRig.Forge(Signer, Header(Signer), payload)).TenantId);
    }

    private static object Header(SigningKey key) => new { alg = "RS256", kid = key.Kid, typ = "JWT" };

    private void AssertRejected(string token, TokenRejection reason)
    {
        var error = Assert.Throws<TokenValidationException>(() => _rig.Validator.Validate(token));
        Assert.Equal(reason, error.Reason);
        Assert.DoesNotContain(token, error.Message);
    }
}

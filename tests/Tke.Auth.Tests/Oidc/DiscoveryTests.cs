using System.Text.Json;
using static Tke.Auth.Tests.Oidc.OidcRig;

namespace Tke.Auth.Tests.Oidc;

public sealed class DiscoveryTests
{
    private readonly OidcRig _rig = new();

    [Fact]
    public async Task DiscoveryDocumentNamesEveryEndpoint()
    {
        var context = Get("");
        await _rig.Discovery.HandleAsync(context);
        var doc = Json(context);
        Assert.Equal(Issuer, doc.GetProperty("issuer").GetString());
        Assert.Equal(Issuer + "/auth", doc.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(Issuer + "/token", doc.GetProperty("token_endpoint").GetString());
        Assert.Equal(Issuer + "/keys", doc.GetProperty("jwks_uri").GetString());
        Assert.Equal(Issuer + "/userinfo", doc.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal(Issuer + "/revoke", doc.GetProperty("revocation_endpoint").GetString());
        Assert.Equal(Issuer + "/logout", doc.GetProperty("end_session_endpoint").GetString());
        Assert.Equal(["code"], Strings(doc, "response_types_supported"));
        Assert.Equal(["authorization_code", "refresh_token", "password"], Strings(doc, "grant_types_supported"));
        Assert.Equal(["S256"], Strings(doc, "code_challenge_methods_supported"));
        Assert.Equal(["RS256"], Strings(doc, "id_token_signing_alg_values_supported"));
        Assert.Contains("openid", Strings(doc, "scopes_supported"));
        Assert.Contains("federated_claims", Strings(doc, "claims_supported"));
    }

    [Fact]
    public async Task JwksHasOnlyPublicParts()
    {
        _rig.Clock.Advance(_rig.Policy.RotationPeriod);
        _rig.Ring.Publish(_rig.Ring.Current.Rotate(_rig.Clock.Now, _rig.Policy));
        var context = Get("");
        await _rig.Jwks.HandleAsync(context);
        var keys = Json(context).GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(2, keys.Count);
        foreach (var key in keys)
        {
            Assert.Equal("RSA", key.GetProperty("kty").GetString());
            Assert.Equal("RS256", key.GetProperty("alg").GetString());
            Assert.Equal("sig", key.GetProperty("use").GetString());
            Assert.NotNull(_rig.Ring.Current.Find(key.GetProperty("kid").GetString()!));
            Assert.Equal(["alg", "e", "kid", "kty", "n", "use"], key.EnumerateObject().Select(p => p.Name).Order().ToArray());
        }

        // The published key verifies our tokens: what relying parties will do with it.
        var token = _rig.IssueForAlice().IdToken.Split('.');
        var jwk = keys.Single(k => k.GetProperty("kid").GetString() == _rig.Ring.Current.SignerAt(_rig.Clock.Now)!.Kid);
        using var rsa = System.Security.Cryptography.RSA.Create(new System.Security.Cryptography.RSAParameters
        {
            Modulus = System.Buffers.Text.Base64Url.DecodeFromChars(jwk.GetProperty("n").GetString()),
            Exponent = System.Buffers.Text.Base64Url.DecodeFromChars(jwk.GetProperty("e").GetString()),
        });
        Assert.True(rsa.VerifyData(System.Text.Encoding.ASCII.GetBytes(token[0] + "." + token[1]), System.Buffers.Text.Base64Url.DecodeFromChars(token[2]),
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1));
    }

    private static string[] Strings(JsonElement doc, string name) =>
        doc.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();
}

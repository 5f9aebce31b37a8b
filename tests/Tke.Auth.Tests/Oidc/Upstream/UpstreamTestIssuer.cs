using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Tke.Auth.Oidc.Upstream;

namespace Tke.Auth.Tests.Oidc.Upstream;

/// <summary>A stand-in upstream provider: an RSA and a P-256 key, its JWKS, and ID tokens signed with either.</summary>
public sealed class UpstreamTestIssuer : IDisposable
{
    public const string Issuer = "https://idp.example.com";
    public const string ClientId = "tke-platform";
    public const string RsaKid = "rsa-1";
    public const string EcKid = "ec-1";

    public RSA Rsa { get; } = RSA.Create(2048);

    public ECDsa Ec { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public string JwksJson
    {
        get
        {
            var rsa = Rsa.ExportParameters(false);
            var ec = Ec.ExportParameters(false);
            return new JsonObject
            {
                ["keys"] = new JsonArray(
                    new JsonObject { ["kty"] = "RSA", ["kid"] = RsaKid, ["use"] = "sig", ["alg"] = "RS256", ["n"] = B64(rsa.Modulus!), ["e"] = B64(rsa.Exponent!) },
                    new JsonObject { ["kty"] = "EC", ["kid"] = EcKid, ["crv"] = "P-256", ["x"] = B64(ec.Q.X!), ["y"] = B64(ec.Q.Y!) },
                    new JsonObject { ["kty"] = "oct", ["kid"] = "hmac", ["k"] = "c2VjcmV0" }),
            }.ToJsonString();
        }
    }

    public UpstreamKeySet Keys => UpstreamKeySet.Parse(Encoding.UTF8.GetBytes(JwksJson));

    /// <summary>Claims of a good token for <paramref name="now"/> with <paramref name="nonce"/>.</summary>
    public static JsonObject Claims(DateTimeOffset now, string nonce) => new()
    {
        ["iss"] = Issuer,
        ["sub"] = "user-123",
        ["aud"] = ClientId,
        ["exp"] = (now + TimeSpan.FromMinutes(5)).ToUnixTimeSeconds(),
        ["iat"] = now.ToUnixTimeSeconds(),
        ["nonce"] = nonce,
        ["name"] = "Alice Example",
        ["preferred_username"] = "alice",
        ["email"] = "alice@example.com",
        ["email_verified"] = true,
        ["groups"] = new JsonArray("dev", "ops"),
    };

    public string SignRs256(JsonObject claims, string? kid = RsaKid, RSA? key = null) =>
        Sign("RS256", kid, claims, input => (key ?? Rsa).SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    public string SignEs256(JsonObject claims, string? kid = EcKid) =>
        Sign("ES256", kid, claims, input => Ec.SignData(input, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    public static string Sign(string alg, string? kid, JsonObject claims, Func<byte[], byte[]> sign)
    {
        var header = new JsonObject { ["alg"] = alg, ["typ"] = "JWT" };
        if (kid is not null)
        {
            header["kid"] = kid;
        }

        var input = B64(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + B64(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        return input + "." + B64(sign(Encoding.ASCII.GetBytes(input)));
    }

    public void Dispose()
    {
        Rsa.Dispose();
        Ec.Dispose();
    }

    private static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);
}

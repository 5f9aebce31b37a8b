using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Tke.E2E.Tests.Auth;

/// <summary>Re-signs a real token's header and claims with a key the server never issued, so only the signature is wrong.</summary>
public static class ForgedJwt
{
    public static string ResignWithOwnKey(string jwt)
    {
        var parts = jwt.Split('.');
        using var rsa = RSA.Create(2048);
        var signingInput = parts[0] + "." + parts[1];
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    /// <summary>The same claims with "alg": "none" and no signature, which a verifier must never accept.</summary>
    public static string Unsigned(string jwt)
    {
        var header = JsonNode.Parse(Encoding.UTF8.GetString(Base64UrlDecode(jwt.Split('.')[0])))!.AsObject();
        header["alg"] = "none";
        return Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + jwt.Split('.')[1] + ".";
    }

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

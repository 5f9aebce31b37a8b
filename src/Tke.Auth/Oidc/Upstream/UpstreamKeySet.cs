using System.Buffers.Text;
using System.Text.Json;

namespace Tke.Auth.Oidc.Upstream;

/// <summary>The usable signing keys of an upstream's JWKS document; keys of other types, curves
/// or uses are skipped rather than refused, since providers publish keys for other purposes too.</summary>
public sealed class UpstreamKeySet(IReadOnlyList<UpstreamVerificationKey> keys)
{
    public static UpstreamKeySet Empty { get; } = new([]);

    public IReadOnlyList<UpstreamVerificationKey> Keys { get; } = keys;

    /// <exception cref="UpstreamLoginException">The document is not a JWKS.</exception>
    public static UpstreamKeySet Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("keys", out var array) || array.ValueKind != JsonValueKind.Array)
            {
                throw new UpstreamLoginException("the upstream's JWKS document has no keys array");
            }

            var keys = new List<UpstreamVerificationKey>();
            foreach (var jwk in array.EnumerateArray())
            {
                if (Read(jwk) is { } key)
                {
                    keys.Add(key);
                }
            }

            return new UpstreamKeySet(keys);
        }
        catch (JsonException)
        {
            throw new UpstreamLoginException("the upstream's JWKS document is not JSON");
        }
    }

    /// <summary>Keys that may have signed a token with this header: the one named by kid, or
    /// without a kid every key of the right type.</summary>
    public IEnumerable<UpstreamVerificationKey> Candidates(string? kid, string algorithm) =>
        Keys.Where(k => k.Supports(algorithm) && (kid is null || k.Kid == kid));

    private static UpstreamVerificationKey? Read(JsonElement jwk)
    {
        if (jwk.ValueKind != JsonValueKind.Object || (String(jwk, "use") is { } use && use != "sig"))
        {
            return null;
        }

        var kid = String(jwk, "kid");
        var alg = String(jwk, "alg");
        switch (String(jwk, "kty"))
        {
            case "RSA":
                return Bytes(jwk, "n") is { Length: >= 256 } n && Bytes(jwk, "e") is { Length: > 0 } e
                    ? UpstreamVerificationKey.Rsa(kid, alg, n, e)
                    : null; // below 2048 bits is not worth trusting
            case "EC" when String(jwk, "crv") == "P-256":
                return Bytes(jwk, "x") is { Length: 32 } x && Bytes(jwk, "y") is { Length: 32 } y
                    ? UpstreamVerificationKey.P256(kid, alg, x, y)
                    : null;
            default:
                return null;
        }
    }

    private static string? String(JsonElement jwk, string name) =>
        jwk.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[]? Bytes(JsonElement jwk, string name)
    {
        if (String(jwk, name) is not { } text)
        {
            return null;
        }

        try
        {
            var bytes = Base64Url.DecodeFromChars(text);

            // Leading zero octets are not allowed in JWK integers, but some providers send them.
            return name is "n" ? bytes.AsSpan().TrimStart((byte)0).ToArray() : bytes;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tke.Registry.Access;

/// <summary>
/// The compact JWS both kinds of registry token use: RS256 with the registry's key, and a "typ"
/// header that tells access tokens from refresh tokens (RFC 8725 §3.11), so one can never be
/// taken for the other even by a check that forgets the audience.
/// </summary>
public static class RegistryJwt
{
    /// <summary>The "typ" of access tokens, as Docker's token service writes it.</summary>
    public const string AccessType = "JWT";

    public const string RefreshType = "tke-registry-refresh+jwt";

    public static string Sign(RegistryTokenKey key, string type, Action<Utf8JsonWriter> claims)
    {
        // Relaxed escaping keeps the '+' of the refresh type readable ("\u002B" otherwise).
        var header = Encode(JavaScriptEncoder.UnsafeRelaxedJsonEscaping, json =>
        {
            json.WriteString("typ", type);
            json.WriteString("alg", "RS256");
            json.WriteString("kid", key.KeyId);
        });
        var signingInput = header + "." + Encode(null, claims);
        var signature = key.Rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>The claims of a JWT this key signed with RS256, and its "typ"; null with the reason
    /// (worded with <paramref name="noun"/>) when it is not one.</summary>
    /// <exception cref="FormatException">Not base64url.</exception>
    /// <exception cref="JsonException">Not JSON.</exception>
    public static JsonDocument? Open(RegistryTokenKey key, string jwt, string noun, out string? type, out string? problem)
    {
        type = null;
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            problem = $"{noun} is not a JWT";
            return null;
        }

        using (var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])))
        {
            if (header.RootElement.ValueKind != JsonValueKind.Object || Text(header.RootElement, "alg") != "RS256")
            {
                problem = $"{noun} must be signed with RS256";
                return null;
            }

            type = Text(header.RootElement, "typ");
        }

        var signature = Base64Url.DecodeFromChars(parts[2]);
        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (!key.Rsa.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            problem = $"{noun}'s signature is not valid";
            return null;
        }

        var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        if (payload.RootElement.ValueKind != JsonValueKind.Object)
        {
            payload.Dispose();
            problem = $"{noun} is malformed";
            return null;
        }

        problem = null;
        return payload;
    }

    public static string? Text(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static long? Number(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;

    public static IReadOnlyList<string> Strings(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray()
            : [];

    public static bool HasAudience(JsonElement claims, string audience) =>
        claims.TryGetProperty("aud", out var aud) && aud.ValueKind switch
        {
            JsonValueKind.String => aud.GetString() == audience,
            JsonValueKind.Array => aud.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && a.GetString() == audience),
            _ => false,
        };

    public static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static string Encode(JavaScriptEncoder? encoder, Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder }))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        return Base64Url.EncodeToString(buffer.WrittenSpan);
    }
}

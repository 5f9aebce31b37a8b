using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using Tke.Auth.Oidc.Keys;

namespace Tke.Auth.Oidc.Tokens;

/// <summary>Writes compact RS256 JWS tokens.</summary>
public static class JwtWriter
{
    public static string Write(SigningKey key, string typ, Action<Utf8JsonWriter> writeClaims)
    {
        var header = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            json.WriteString("alg", SigningKey.Algorithm);
            json.WriteString("kid", key.Kid);
            json.WriteString("typ", typ);
            json.WriteEndObject();
        }

        var payload = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(payload))
        {
            json.WriteStartObject();
            writeClaims(json);
            json.WriteEndObject();
        }

        var signingInput = Base64Url.EncodeToString(header.WrittenSpan) + "." + Base64Url.EncodeToString(payload.WrittenSpan);
        var signature = key.Sign(System.Text.Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }
}

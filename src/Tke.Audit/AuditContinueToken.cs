using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Errors;

namespace Tke.Audit;

/// <summary>
/// The opaque continue value of an audit listing: the sequence number of the last record returned.
/// Records are numbered in the order they were stored and numbers are never reused, so the next
/// page starts strictly below it; records stored meanwhile get higher numbers and cannot shift it.
/// </summary>
internal static class AuditContinueToken
{
    private const string Version = "audit/v1";

    public static string Encode(long lastSequence) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Wire { V = Version, Seq = lastSequence }));

    public static long Decode(string text)
    {
        try
        {
            var wire = JsonSerializer.Deserialize<Wire>(Base64Url.DecodeFromChars(text));
            if (wire is null || wire.V != Version || wire.Seq <= 0)
            {
                throw new FormatException();
            }

            return wire.Seq;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw StatusError.BadRequest($"continue key is not valid: {(text.Length > 64 ? text[..64] + "..." : text)}");
        }
    }

    private sealed class Wire
    {
        [JsonPropertyName("v")]
        public string? V { get; set; }

        [JsonPropertyName("seq")]
        public long Seq { get; set; }
    }
}

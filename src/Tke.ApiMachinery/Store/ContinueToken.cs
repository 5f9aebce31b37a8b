using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Tke.ApiMachinery.Errors;

namespace Tke.ApiMachinery.Store;

/// <summary>The opaque `continue` value of a paged list: the revision the first page was read at
/// and the last key returned, so every page reads the same snapshot.</summary>
public readonly record struct ContinueToken(long Revision, string StartAfter)
{
    public string Encode()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new Wire { V = "meta.k8s.io/v1", Rv = Revision, Start = StartAfter });
        return Base64Url.EncodeToString(json);
    }

    public static ContinueToken Decode(string text)
    {
        try
        {
            var wire = JsonSerializer.Deserialize<Wire>(Base64Url.DecodeFromChars(text));
            if (wire is null || wire.V != "meta.k8s.io/v1" || wire.Rv <= 0 || wire.Start is null)
            {
                throw new FormatException();
            }

            return new ContinueToken(wire.Rv, wire.Start);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw StatusError.BadRequest($"continue key is not valid: {Truncate(text)}");
        }
    }

    private static string Truncate(string text) => text.Length > 64 ? text[..64] + "..." : text;

    private sealed class Wire
    {
        [System.Text.Json.Serialization.JsonPropertyName("v")]
        public string? V { get; set; }

        [System.Text.Json.Serialization.JsonPropertyName("rv")]
        public long Rv { get; set; }

        [System.Text.Json.Serialization.JsonPropertyName("start")]
        public string? Start { get; set; }
    }
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tke.ApiMachinery.Json;

/// <summary>The one set of serializer options for API objects: explicit [JsonPropertyName]s,
/// nulls omitted (as Go's omitempty), unknown members skipped (unknown-field policy is
/// enforced earlier, by schema validation), and no HTML escaping so stored bytes stay compact.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = indented,
            NumberHandling = JsonNumberHandling.Strict,
            PropertyNameCaseInsensitive = false,
        };
        options.Converters.Add(new RfcTimestampConverter());
        options.Converters.Add(new JsonStringEnumConverter()); // schemas list enum names as strings
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>Timestamps as Kubernetes writes them: RFC 3339 in UTC with second precision ("2020-02-27T00:25:02Z").</summary>
public sealed class RfcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString() ?? throw new JsonException("timestamp must be a string"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
}

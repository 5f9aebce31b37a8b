using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tke.SimCluster.Shared;

/// <summary>Kubernetes' intstr.IntOrString (ports, maxSurge): written back in the shape it was given.</summary>
[JsonConverter(typeof(IntOrStringJsonConverter))]
public sealed record IntOrString
{
    private IntOrString(int? number, string? text)
    {
        Number = number;
        Text = text;
    }

    public int? Number { get; }

    public string? Text { get; }

    public static IntOrString FromInt(int value) => new(value, null);

    public static IntOrString FromString(string value) => new(null, value);

    public override string ToString() => Number?.ToString(CultureInfo.InvariantCulture) ?? Text ?? "";
}

public sealed class IntOrStringJsonConverter : JsonConverter<IntOrString>
{
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => IntOrString.FromInt(reader.GetInt32()),
        JsonTokenType.String => IntOrString.FromString(reader.GetString() ?? ""),
        _ => throw new JsonException("expected an integer or a string"),
    };

    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        if (value.Number is { } n)
        {
            writer.WriteNumberValue(n);
        }
        else
        {
            writer.WriteStringValue(value.Text);
        }
    }
}

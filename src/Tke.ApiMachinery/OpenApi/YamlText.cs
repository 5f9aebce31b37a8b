using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tke.ApiMachinery.OpenApi;

/// <summary>
/// Renders a JSON value as block-style YAML, the form gnostic keeps vendor extension and enum
/// values in (Any.yaml) and kube-openapi parses back with a YAML 1.1 parser.
/// </summary>
internal static partial class YamlText
{
    private static readonly JsonSerializerOptions QuotedStringOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Words a YAML 1.1 parser would read as booleans or null rather than as strings.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "y", "n", "yes", "no", "true", "false", "on", "off", "null",
    };

    public static string From(JsonNode? value)
    {
        var text = new StringBuilder();
        switch (value)
        {
            case JsonObject obj when obj.Count > 0:
                WriteObject(text, obj, indent: 0, continuesLine: false);
                break;
            case JsonArray array when array.Count > 0:
                WriteArray(text, array, indent: 0);
                break;
            default:
                text.Append(Scalar(value)).Append('\n');
                break;
        }

        return text.ToString();
    }

    /// <summary>A scalar (or empty collection) written inline.</summary>
    public static string Scalar(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => String(v.GetValue<string>()),
        JsonValue v => v.ToJsonString(),
        _ => throw new InvalidOperationException($"unexpected JSON node {value.GetType().Name}"),
    };

    private static string String(string value) =>
        PlainString().IsMatch(value) && !Reserved.Contains(value)
            ? value
            : JsonSerializer.Serialize(value, QuotedStringOptions); // JSON escapes are valid in YAML double-quoted scalars

    private static bool IsBlock(JsonNode? value) => value is JsonObject { Count: > 0 } or JsonArray { Count: > 0 };

    private static void WriteObject(StringBuilder text, JsonObject obj, int indent, bool continuesLine)
    {
        var first = true;
        foreach (var (key, value) in obj)
        {
            if (!(first && continuesLine))
            {
                text.Append(' ', indent);
            }

            first = false;
            text.Append(String(key)).Append(':');
            switch (value)
            {
                case JsonObject child when child.Count > 0:
                    text.Append('\n');
                    WriteObject(text, child, indent + 2, continuesLine: false);
                    break;
                case JsonArray child when child.Count > 0:
                    text.Append('\n');
                    WriteArray(text, child, indent + 2);
                    break;
                default:
                    text.Append(' ').Append(Scalar(value)).Append('\n');
                    break;
            }
        }
    }

    private static void WriteArray(StringBuilder text, JsonArray array, int indent)
    {
        foreach (var item in array)
        {
            text.Append(' ', indent).Append('-');
            if (!IsBlock(item))
            {
                text.Append(' ').Append(Scalar(item)).Append('\n');
            }
            else if (item is JsonObject obj)
            {
                text.Append(' ');
                WriteObject(text, obj, indent + 2, continuesLine: true);
            }
            else
            {
                text.Append('\n');
                WriteArray(text, (JsonArray)item!, indent + 2);
            }
        }
    }

    // Starts with a letter, '_' or '/' (so it cannot read as a number) and holds no character YAML treats specially.
    [GeneratedRegex("^[A-Za-z_/][A-Za-z0-9_./-]*$")]
    private static partial Regex PlainString();
}

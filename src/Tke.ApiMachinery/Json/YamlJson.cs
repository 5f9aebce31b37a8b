using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Tke.ApiMachinery.Json;

/// <summary>Converts between YAML and JSON nodes, with YAML 1.2 core-schema scalars
/// (unquoted true/false/null/numbers are typed; quoted scalars are strings).</summary>
public static class YamlJson
{
    /// <summary>Parses one YAML document into a JSON node; throws <see cref="YamlException"/> on bad input.</summary>
    public static JsonNode? Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0)
        {
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            throw new YamlException("the body must hold a single YAML document");
        }

        return Convert(stream.Documents[0].RootNode, 0);
    }

    private static JsonNode? Convert(YamlNode node, int depth)
    {
        if (depth > 100)
        {
            throw new YamlException("YAML nesting is too deep");
        }

        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (k, v) in map.Children)
                {
                    var key = k is YamlScalarNode ks ? ks.Value ?? "" : throw new YamlException(k.Start, k.End, "mapping keys must be scalars");
                    if (obj.ContainsKey(key))
                    {
                        throw new YamlException(k.Start, k.End, $"duplicate key \"{key}\"");
                    }

                    obj[key] = Convert(v, depth + 1);
                }

                return obj;
            case YamlSequenceNode seq:
                var arr = new JsonArray();
                foreach (var item in seq.Children)
                {
                    arr.Add(Convert(item, depth + 1));
                }

                return arr;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new YamlException(node.Start, node.End, "unsupported YAML node");
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        if (LooksNumeric(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(text);
    }

    private static bool LooksNumeric(string text) =>
        text.Length > 0 && (char.IsDigit(text[0]) || text[0] is '-' or '+' or '.') && text.Any(char.IsDigit) && !text.Contains(':');

    /// <summary>Writes JSON as block-style YAML, as `kubectl get -o yaml` shows it.</summary>
    public static string Write(ReadOnlySpan<byte> json)
    {
        using var doc = JsonDocument.Parse(json.ToArray());
        var sb = new StringBuilder();
        var emitter = new Emitter(new StringWriter(sb));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, true));
        Emit(emitter, doc.RootElement);
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return sb.ToString();
    }

    private static void Emit(IEmitter emitter, JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                emitter.Emit(new MappingStart(null, null, false, MappingStyle.Block));
                foreach (var p in e.EnumerateObject())
                {
                    emitter.Emit(new YamlDotNet.Core.Events.Scalar(p.Name));
                    Emit(emitter, p.Value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonValueKind.Array:
                emitter.Emit(new SequenceStart(null, null, false, SequenceStyle.Block));
                foreach (var item in e.EnumerateArray())
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValueKind.String:
                var s = e.GetString()!;
                var needsQuotes = NeedsQuotes(s);
                emitter.Emit(new YamlDotNet.Core.Events.Scalar(null, null, s, needsQuotes ? ScalarStyle.DoubleQuoted : ScalarStyle.Any, !needsQuotes, needsQuotes));
                break;
            case JsonValueKind.Number:
                emitter.Emit(new YamlDotNet.Core.Events.Scalar(null, null, e.GetRawText(), ScalarStyle.Plain, true, false));
                break;
            case JsonValueKind.True:
            case JsonValueKind.False:
                emitter.Emit(new YamlDotNet.Core.Events.Scalar(null, null, e.GetRawText(), ScalarStyle.Plain, true, false));
                break;
            default:
                emitter.Emit(new YamlDotNet.Core.Events.Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
        }
    }

    /// <summary>Strings that would read back as another type (true, 12, null...) must be quoted.</summary>
    private static bool NeedsQuotes(string s) => s.Length == 0 || Scalar(new YamlScalarNode(s)) is not JsonValue v || v.GetValueKind() != JsonValueKind.String;
}

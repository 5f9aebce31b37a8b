using System.Globalization;
using System.Text;
using System.Text.Json;
using YamlDotNet.Serialization;

namespace Tke.Registry.Charts;

/// <summary>
/// A chart repository's index as Helm reads it: index.yaml (apiVersion v1, entries by chart
/// name with versions newest first, generated) and ChartMuseum's JSON chart versions. Keys are
/// written in sorted order, as Helm itself writes them, so the output is stable.
/// </summary>
public static class ChartIndexDocument
{
    private static readonly ISerializer Yaml = new SerializerBuilder().WithQuotingNecessaryStrings().DisableAliases().Build();

    public static byte[] RenderYaml(IReadOnlyDictionary<string, IReadOnlyList<ChartEntry>> entries, DateTimeOffset generated)
    {
        var byName = new SortedDictionary<string, List<SortedDictionary<string, object?>>>(StringComparer.Ordinal);
        foreach (var (name, versions) in entries)
        {
            byName[name] = versions.Select(Entry).ToList();
        }

        var document = new Dictionary<string, object>
        {
            ["apiVersion"] = "v1",
            ["entries"] = byName,
            ["generated"] = Timestamp(generated),
        };
        return Encoding.UTF8.GetBytes(Yaml.Serialize(document));
    }

    /// <summary>One version as an index entry: the Chart.yaml fields plus created, digest and urls.</summary>
    public static SortedDictionary<string, object?> Entry(ChartEntry entry)
    {
        var fields = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in entry.Metadata.Fields)
        {
            if (value is not null)
            {
                fields[key] = value;
            }
        }

        fields["created"] = Timestamp(entry.Created);
        fields["digest"] = entry.Digest;
        fields["urls"] = new List<object?> { "charts/" + entry.FileName };
        return fields;
    }

    public static void WriteJson(Utf8JsonWriter writer, ChartEntry entry) => WriteValue(writer, Entry(entry));

    /// <summary>Go's time.RFC3339Nano in UTC, which Helm parses.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "Z";

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case long n:
                writer.WriteNumberValue(n);
                break;
            case IDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (k, v) in map)
                {
                    writer.WritePropertyName(k);
                    WriteValue(writer, v);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable<object?> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}

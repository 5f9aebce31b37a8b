using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tke.Registry.Charts;

/// <summary>Reads Chart.yaml: the fields Helm requires (apiVersion, name, SemVer 2 version) and the rest as plain values.</summary>
public static partial class ChartYaml
{
    // Fields Helm declares as strings: kept as written even when they look like numbers (appVersion: 1.16).
    private static readonly HashSet<string> StringFields = new(StringComparer.Ordinal)
    {
        "apiVersion", "name", "version", "appVersion", "description", "icon", "home", "kubeVersion", "type", "condition", "tags",
    };

    public static ChartMetadata Parse(string text)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            root = stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode m
                ? m
                : throw new ChartArchiveException("Chart.yaml is not a YAML mapping");
        }
        catch (YamlException e)
        {
            throw new ChartArchiveException($"Chart.yaml is not valid YAML: {e.Message}");
        }

        var fields = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in root.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                throw new ChartArchiveException("Chart.yaml has a key that is not a string");
            }

            fields[key] = StringFields.Contains(key) && valueNode is YamlScalarNode s ? s.Value : Plain(valueNode);
        }

        var apiVersion = Required(fields, "apiVersion");
        if (apiVersion is not ("v1" or "v2"))
        {
            throw new ChartArchiveException($"Chart.yaml: apiVersion \"{apiVersion}\" is not supported (v1 or v2)");
        }

        var name = Required(fields, "name");
        if (!NamePattern().IsMatch(name) || name.Contains("..", StringComparison.Ordinal))
        {
            throw new ChartArchiveException($"Chart.yaml: chart name \"{name}\" is invalid (letters, digits, '-', '_' and '.')");
        }

        var versionText = Required(fields, "version");
        if (!SemanticVersion.TryParse(versionText, out var version))
        {
            throw new ChartArchiveException($"Chart.yaml: version \"{versionText}\" is not a valid SemVer 2 version");
        }

        return new ChartMetadata(apiVersion, name, version, fields);
    }

    private static string Required(IDictionary<string, object?> fields, string key) =>
        fields.TryGetValue(key, out var v) && v is string s && s.Length > 0
            ? s
            : throw new ChartArchiveException($"Chart.yaml: {key} is required");

    /// <summary>A YAML node as plain values, with YAML 1.2 core-schema typing of plain scalars.</summary>
    private static object? Plain(YamlNode node) => node switch
    {
        YamlScalarNode s when s.Style is ScalarStyle.Plain => PlainScalar(s.Value),
        YamlScalarNode s => s.Value,
        YamlSequenceNode seq => seq.Children.Select(Plain).ToList(),
        YamlMappingNode map => map.Children
            .Where(kv => kv.Key is YamlScalarNode { Value: not null })
            .ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => Plain(kv.Value), StringComparer.Ordinal)
            .ToSortedDictionary(),
        _ => null,
    };

    private static object? PlainScalar(string? value) => value switch
    {
        null or "" or "~" or "null" or "Null" or "NULL" => null,
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
        _ => value,
    };

    private static SortedDictionary<string, object?> ToSortedDictionary(this Dictionary<string, object?> map) => new(map, StringComparer.Ordinal);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}

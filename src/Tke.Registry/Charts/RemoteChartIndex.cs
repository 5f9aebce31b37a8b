using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tke.Registry.Charts;

/// <summary>One chart version listed by a third-party repository's index.yaml.</summary>
public sealed record RemoteChartVersion(string Name, string Version, IReadOnlyList<string> Urls, string? Digest);

/// <summary>Reads the entries of a Helm repository's index.yaml.</summary>
public static class RemoteChartIndex
{
    public static IReadOnlyList<RemoteChartVersion> Parse(string text)
    {
        YamlNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null;
        }
        catch (YamlException e)
        {
            throw new FormatException($"index.yaml is not valid YAML: {e.Message}");
        }

        if (root is not YamlMappingNode map)
        {
            throw new FormatException("index.yaml is not a YAML mapping");
        }

        var result = new List<RemoteChartVersion>();
        if (!map.Children.TryGetValue(new YamlScalarNode("entries"), out var entries) || entries is not YamlMappingNode byName)
        {
            return result;
        }

        foreach (var (nameNode, versionsNode) in byName.Children)
        {
            if (nameNode is not YamlScalarNode { Value: { } name } || versionsNode is not YamlSequenceNode versions)
            {
                continue;
            }

            foreach (var v in versions.Children.OfType<YamlMappingNode>())
            {
                var version = Scalar(v, "version");
                var urls = v.Children.TryGetValue(new YamlScalarNode("urls"), out var u) && u is YamlSequenceNode list
                    ? list.Children.OfType<YamlScalarNode>().Select(s => s.Value).OfType<string>().ToList()
                    : [];
                if (!string.IsNullOrEmpty(version))
                {
                    result.Add(new RemoteChartVersion(name, version, urls, Scalar(v, "digest")));
                }
            }
        }

        return result;
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode s ? s.Value : null;
}

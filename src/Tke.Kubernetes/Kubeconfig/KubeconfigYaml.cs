using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tke.Kubernetes.Kubeconfig;

/// <summary>
/// Turns kubeconfig YAML into JSON nodes with every scalar kept as its text: kubeconfig fields
/// are strings, and an unquoted token such as 0123 must not lose its leading zero to number typing.
/// </summary>
internal static class KubeconfigYaml
{
    private const int MaxDepth = 64;

    public static JsonNode? Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count switch
        {
            0 => null,
            1 => Convert(stream.Documents[0].RootNode, 0),
            _ => throw new YamlException("a kubeconfig is a single YAML document"),
        };
    }

    private static JsonNode? Convert(YamlNode node, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new YamlException(node.Start, node.End, "nesting is too deep");
        }

        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (k, v) in map.Children)
                {
                    var key = k is YamlScalarNode s ? s.Value ?? "" : throw new YamlException(k.Start, k.End, "mapping keys must be scalars");
                    if (obj.ContainsKey(key))
                    {
                        throw new YamlException(k.Start, k.End, $"duplicate key \"{key}\"");
                    }

                    obj[key] = Convert(v, depth + 1);
                }

                return obj;
            case YamlSequenceNode seq:
                var array = new JsonArray();
                foreach (var item in seq.Children)
                {
                    array.Add(Convert(item, depth + 1));
                }

                return array;
            case YamlScalarNode scalar:
                var text = scalar.Value ?? "";
                var plain = scalar.Style is ScalarStyle.Plain or ScalarStyle.Any;
                return plain && text is "" or "~" or "null" or "Null" or "NULL" ? null : JsonValue.Create(text);
            default:
                throw new YamlException(node.Start, node.End, "aliases and other node types are not supported");
        }
    }
}

using System.Text.Json.Nodes;
using Tke.ApiMachinery.Schema;

namespace Tke.ApiMachinery.Secrets;

/// <summary>Finds the string values of a JSON document that its schema marks sensitive and
/// replaces them through a function (seal or open).</summary>
public static class SensitiveFieldWalker
{
    public static bool HasSensitiveFields(SchemaNode schema) => Any(schema, new HashSet<SchemaNode>(ReferenceEqualityComparer.Instance));

    /// <summary>Rewrites every sensitive string in place; <paramref name="transform"/> gets the value and its path.</summary>
    public static void Rewrite(JsonNode? node, SchemaNode schema, Func<string, string, string> transform) => Walk(node, schema, "", transform, 0);

    private static bool Any(SchemaNode schema, HashSet<SchemaNode> seen)
    {
        if (schema.Sensitive)
        {
            return true;
        }

        if (!seen.Add(schema))
        {
            return false;
        }

        return (schema.Properties?.Values.Any(p => Any(p, seen)) ?? false)
            || (schema.Items is { } items && Any(items, seen))
            || (schema.AdditionalProperties is { } values && Any(values, seen));
    }

    private static void Walk(JsonNode? node, SchemaNode schema, string path, Func<string, string, string> transform, int depth)
    {
        if (node is null || depth > 64)
        {
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToArray())
                {
                    var childSchema = schema.Property(name);
                    if (childSchema is null)
                    {
                        continue;
                    }

                    var childPath = path + "." + name;
                    if (childSchema.Sensitive && child is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        obj[name] = transform(text, childPath);
                    }
                    else
                    {
                        Walk(child, childSchema, childPath, transform, depth + 1);
                    }
                }

                break;
            case JsonArray array when schema.Items is { } items:
                for (var i = 0; i < array.Count; i++)
                {
                    var itemPath = path + "[" + i + "]";
                    if (items.Sensitive && array[i] is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        array[i] = transform(text, itemPath);
                    }
                    else
                    {
                        Walk(array[i], items, itemPath, transform, depth + 1);
                    }
                }

                break;
        }
    }
}

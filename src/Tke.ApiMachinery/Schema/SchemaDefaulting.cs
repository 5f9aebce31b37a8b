using System.Text.Json.Nodes;

namespace Tke.ApiMachinery.Schema;

/// <summary>
/// Structural defaulting as kube-apiserver does it for custom resources: a field whose schema has a
/// default is set when absent, a null in a field that is not nullable is replaced by the default or
/// dropped, and defaults apply inside defaulted values too. Runs before validation, so a default
/// satisfies "required".
/// </summary>
public static class SchemaDefaulting
{
    private const int MaxDepth = 100;

    public static void Apply(JsonNode? document, SchemaNode schema) => Walk(document, schema, 0);

    private static void Walk(JsonNode? node, SchemaNode schema, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                Object(obj, schema, depth);
                break;
            case JsonArray array when schema.Items is { } items:
                foreach (var item in array)
                {
                    Walk(item, items, depth + 1);
                }

                break;
        }
    }

    private static void Object(JsonObject obj, SchemaNode schema, int depth)
    {
        if (schema.Properties is { } properties)
        {
            foreach (var (name, child) in properties)
            {
                var present = obj.TryGetPropertyValue(name, out var value);
                if (present && value is null && !child.Nullable)
                {
                    obj.Remove(name);
                    present = false;
                }

                if (!present && child.Default is { } fallback)
                {
                    obj[name] = fallback.DeepClone();
                }
            }
        }

        if (schema.AdditionalProperties is { Nullable: false } values)
        {
            foreach (var key in obj.Where(p => p.Value is null && schema.Properties?.ContainsKey(p.Key) != true).Select(p => p.Key).ToList())
            {
                obj.Remove(key);
            }
        }

        foreach (var (name, value) in obj)
        {
            if (value is not null && schema.Property(name) is { } child)
            {
                Walk(value, child, depth + 1);
            }
        }
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tke.ApiMachinery.CustomResources;

/// <summary>
/// The simple JSONPath of a printer column (additionalPrinterColumns[].jsonPath), e.g.
/// <c>.spec.replicas</c>, <c>.spec.ports[0].name</c>, <c>.metadata.labels['app.kubernetes.io/name']</c> or
/// <c>.status.conditions[?(@.type=="Ready")].status</c>: field steps, indexes, [*] and equality filters.
/// </summary>
public sealed class JsonPathQuery
{
    private readonly IReadOnlyList<Step> _steps;

    private JsonPathQuery(string text, IReadOnlyList<Step> steps)
    {
        Text = text;
        _steps = steps;
    }

    public string Text { get; }

    /// <summary>The first field name, e.g. "spec" of ".spec.replicas".</summary>
    public string? FirstField => _steps.Count > 0 && _steps[0] is FieldStep f ? f.Name : null;

    /// <summary>Parses a path; null with <paramref name="error"/> set when it is not a simple path starting with a dot.</summary>
    public static JsonPathQuery? TryParse(string text, out string? error)
    {
        error = null;
        var path = text.Trim();
        if (path.StartsWith('{') && path.EndsWith('}'))
        {
            path = path[1..^1].Trim();
        }

        if (!path.StartsWith('.'))
        {
            error = "must be a simple json path starting with .";
            return null;
        }

        var steps = new List<Step>();
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var start = ++i;
                while (i < path.Length && path[i] is not ('.' or '['))
                {
                    i++;
                }

                if (i == start)
                {
                    error = $"empty field name at offset {start}";
                    return null;
                }

                steps.Add(new FieldStep(path[start..i]));
                continue;
            }

            if (path[i] == '[')
            {
                var close = FindClose(path, i);
                if (close < 0)
                {
                    error = "unclosed [";
                    return null;
                }

                var inner = path[(i + 1)..close].Trim();
                i = close + 1;
                if (inner == "*")
                {
                    steps.Add(new AllStep());
                }
                else if (inner.Length >= 2 && inner[0] is '\'' or '"' && inner[^1] == inner[0])
                {
                    steps.Add(new FieldStep(inner[1..^1]));
                }
                else if (int.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
                {
                    steps.Add(new IndexStep(index));
                }
                else if (ParseFilter(inner) is { } filter)
                {
                    steps.Add(filter);
                }
                else
                {
                    error = $"unsupported expression [{inner}]";
                    return null;
                }

                continue;
            }

            error = $"unexpected character '{path[i]}' at offset {i}";
            return null;
        }

        return new JsonPathQuery(text, steps);
    }

    /// <summary>Every value the path selects under <paramref name="root"/>.</summary>
    public IReadOnlyList<JsonNode?> Evaluate(JsonNode? root) => Evaluate(root, 0);

    /// <summary>Evaluates from a given step, for callers that resolve the first step themselves.</summary>
    public IReadOnlyList<JsonNode?> EvaluateAfterFirst(JsonNode? first) => Evaluate(first, 1);

    private IReadOnlyList<JsonNode?> Evaluate(JsonNode? root, int from)
    {
        IEnumerable<JsonNode?> current = [root];
        for (var s = from; s < _steps.Count; s++)
        {
            var step = _steps[s];
            current = current.SelectMany(step.Apply).ToList();
        }

        return current.Where(n => n is not null).ToList();
    }

    private static int FindClose(string path, int open)
    {
        char? quote = null;
        for (var i = open + 1; i < path.Length; i++)
        {
            var c = path[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == ']')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>?(@.a.b=="v"), ?(@.a=='v'), ?(@.n==3).</summary>
    private static FilterStep? ParseFilter(string inner)
    {
        if (!inner.StartsWith("?(", StringComparison.Ordinal) || !inner.EndsWith(')'))
        {
            return null;
        }

        var expression = inner[2..^1].Trim();
        var eq = expression.IndexOf("==", StringComparison.Ordinal);
        if (eq < 0 || !expression.StartsWith("@.", StringComparison.Ordinal))
        {
            return null;
        }

        var fields = expression[2..eq].Trim().Split('.');
        var literal = expression[(eq + 2)..].Trim();
        if (literal.Length >= 2 && literal[0] is '\'' or '"' && literal[^1] == literal[0])
        {
            literal = JsonSerializer.Serialize(literal[1..^1]);
        }

        return fields.Any(string.IsNullOrEmpty) ? null : new FilterStep(fields, literal);
    }

    private abstract record Step
    {
        public abstract IEnumerable<JsonNode?> Apply(JsonNode? node);
    }

    private sealed record FieldStep(string Name) : Step
    {
        public override IEnumerable<JsonNode?> Apply(JsonNode? node) =>
            node is JsonObject obj && obj.TryGetPropertyValue(Name, out var value) ? [value] : [];
    }

    private sealed record IndexStep(int Index) : Step
    {
        public override IEnumerable<JsonNode?> Apply(JsonNode? node)
        {
            if (node is not JsonArray array)
            {
                return [];
            }

            var at = Index < 0 ? array.Count + Index : Index;
            return at >= 0 && at < array.Count ? [array[at]] : [];
        }
    }

    private sealed record AllStep : Step
    {
        public override IEnumerable<JsonNode?> Apply(JsonNode? node) => node switch
        {
            JsonArray array => array,
            JsonObject obj => obj.Select(p => p.Value),
            _ => [],
        };
    }

    private sealed record FilterStep(IReadOnlyList<string> Fields, string LiteralJson) : Step
    {
        public override IEnumerable<JsonNode?> Apply(JsonNode? node)
        {
            if (node is not JsonArray array)
            {
                return [];
            }

            return array.Where(item =>
            {
                JsonNode? value = item;
                foreach (var field in Fields)
                {
                    value = value is JsonObject obj ? obj[field] : null;
                }

                return value is not null && value.ToJsonString() == LiteralJson;
            }).ToList();
        }
    }
}

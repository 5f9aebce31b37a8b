using System.Text.Json;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Validation;

namespace Tke.ApiMachinery.Selectors;

/// <summary>
/// A Kubernetes label selector: a conjunction of <see cref="LabelRequirement"/>s, parsed from the
/// <c>labelSelector</c> query syntax or built from a metav1.LabelSelector object.
/// </summary>
public sealed class LabelSelector
{
    private LabelSelector(IReadOnlyList<LabelRequirement> requirements, bool matchesNothing = false)
    {
        Requirements = requirements;
        MatchesNothing = matchesNothing;
    }

    /// <summary>Selects every object.</summary>
    public static LabelSelector Everything { get; } = new([]);

    /// <summary>Selects no object (what a null metav1.LabelSelector means).</summary>
    public static LabelSelector Nothing { get; } = new([], matchesNothing: true);

    /// <summary>Requirements sorted by key, as Kubernetes keeps them.</summary>
    public IReadOnlyList<LabelRequirement> Requirements { get; }

    public bool MatchesNothing { get; }

    /// <summary>True when the selector has no requirements and so selects everything.</summary>
    public bool IsEmpty => Requirements.Count == 0 && !MatchesNothing;

    /// <summary>Parses the selector syntax, e.g. <c>app=web,tier in (a,b),!canary</c>.</summary>
    /// <exception cref="SelectorParseException">The text is not a valid selector.</exception>
    public static LabelSelector Parse(string text)
    {
        var requirements = LabelSelectorParser.Parse(text);
        return requirements.Count == 0 ? Everything : new LabelSelector(Sorted(requirements));
    }

    /// <summary>
    /// Builds a selector from a metav1.LabelSelector object ({matchLabels, matchExpressions}).
    /// A null object selects nothing and an empty one selects everything, as in Kubernetes.
    /// </summary>
    /// <exception cref="SelectorParseException">A key, value or operator is invalid.</exception>
    public static LabelSelector FromJson(JsonObject? selector)
    {
        if (selector is null)
        {
            return Nothing;
        }

        var requirements = new List<LabelRequirement>();
        if (selector["matchLabels"] is JsonObject matchLabels)
        {
            foreach (var (key, value) in matchLabels)
            {
                requirements.Add(Requirement(key, LabelSelectorOperator.Equals, [StringOf(value, $"matchLabels[{key}]")]));
            }
        }

        if (selector["matchExpressions"] is JsonArray expressions)
        {
            foreach (var expression in expressions)
            {
                requirements.Add(FromExpression(expression as JsonObject
                    ?? throw new SelectorParseException("matchExpressions entries must be objects")));
            }
        }

        return requirements.Count == 0 ? Everything : new LabelSelector(Sorted(requirements));
    }

    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        if (MatchesNothing)
        {
            return false;
        }

        for (var i = 0; i < Requirements.Count; i++)
        {
            if (!Requirements[i].Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The selector in query syntax (requirements sorted by key).</summary>
    public override string ToString() => string.Join(",", Requirements);

    /// <summary>Validates a key and values the way Kubernetes' NewRequirement does and builds the requirement.</summary>
    internal static LabelRequirement Requirement(string key, LabelSelectorOperator op, List<string> values)
    {
        var errors = new List<string>();
        var keyErrors = Names.IsQualifiedName(key);
        if (keyErrors.Count > 0)
        {
            // Kubernetes reports the key against a nil field path, hence "<nil>".
            errors.Add($"<nil>: Invalid value: \"{key}\": {string.Join("; ", keyErrors)}");
        }

        switch (op)
        {
            case LabelSelectorOperator.In or LabelSelectorOperator.NotIn when values.Count == 0:
                errors.Add("values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty");
                break;
            case LabelSelectorOperator.Equals or LabelSelectorOperator.DoubleEquals or LabelSelectorOperator.NotEquals when values.Count != 1:
                errors.Add("values: Invalid value: exact-match compatibility requires one single value");
                break;
            case LabelSelectorOperator.Exists or LabelSelectorOperator.DoesNotExist when values.Count != 0:
                errors.Add("values: Invalid value: values set must be empty for exists and does not exist");
                break;
            case LabelSelectorOperator.GreaterThan or LabelSelectorOperator.LessThan:
                if (values.Count != 1)
                {
                    errors.Add("values: Invalid value: for 'Gt', 'Lt' operators, exactly one value is required");
                }

                for (var i = 0; i < values.Count; i++)
                {
                    if (!long.TryParse(values[i], out _))
                    {
                        errors.Add($"values[{i}]: Invalid value: \"{values[i]}\": for 'Gt', 'Lt' operators, the value must be an integer");
                    }
                }

                break;
        }

        for (var i = 0; i < values.Count; i++)
        {
            var valueErrors = Names.IsValidLabelValue(values[i]);
            if (valueErrors.Count > 0)
            {
                errors.Add($"values[{i}][{key}]: Invalid value: \"{values[i]}\": {string.Join("; ", valueErrors)}");
            }
        }

        if (errors.Count > 0)
        {
            throw new SelectorParseException(errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors) + "]");
        }

        var distinct = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return new LabelRequirement(key, op, distinct);
    }

    private static LabelRequirement FromExpression(JsonObject expression)
    {
        var key = StringOf(expression["key"], "key");
        var operatorName = StringOf(expression["operator"], "operator");
        var op = operatorName switch
        {
            "In" => LabelSelectorOperator.In,
            "NotIn" => LabelSelectorOperator.NotIn,
            "Exists" => LabelSelectorOperator.Exists,
            "DoesNotExist" => LabelSelectorOperator.DoesNotExist,
            _ => throw new SelectorParseException($"\"{operatorName}\" is not a valid label selector operator"),
        };

        var values = new List<string>();
        if (expression["values"] is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                values.Add(StringOf(array[i], $"values[{i}]"));
            }
        }

        return Requirement(key, op, values);
    }

    private static string StringOf(JsonNode? node, string what) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw new SelectorParseException($"{what} must be a string");

    private static LabelRequirement[] Sorted(List<LabelRequirement> requirements) =>
        requirements.OrderBy(r => r.Key, StringComparer.Ordinal).ToArray();
}

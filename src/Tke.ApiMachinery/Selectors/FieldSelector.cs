using System.Text;

namespace Tke.ApiMachinery.Selectors;

public enum FieldSelectorOperator
{
    Equals,
    DoubleEquals,
    NotEquals,
}

/// <summary>One condition of a field selector, e.g. <c>metadata.name=web</c>; <see cref="Value"/> is unescaped.</summary>
public sealed record FieldRequirement(string Field, FieldSelectorOperator Operator, string Value)
{
    public bool Matches(string? actual) =>
        Operator == FieldSelectorOperator.NotEquals ? (actual ?? "") != Value : (actual ?? "") == Value;

    public override string ToString() =>
        Field + Operator switch { FieldSelectorOperator.NotEquals => "!=", FieldSelectorOperator.DoubleEquals => "==", _ => "=" } + FieldSelector.EscapeValue(Value);
}

/// <summary>
/// A Kubernetes field selector: comma-separated <c>field=value</c>, <c>field==value</c> and
/// <c>field!=value</c> terms, all of which must hold. In values, <c>\,</c>, <c>\=</c> and <c>\\</c>
/// stand for the literal characters.
/// </summary>
public sealed class FieldSelector
{
    private FieldSelector(IReadOnlyList<FieldRequirement> requirements) => Requirements = requirements;

    public static FieldSelector Everything { get; } = new([]);

    public IReadOnlyList<FieldRequirement> Requirements { get; }

    public bool IsEmpty => Requirements.Count == 0;

    /// <exception cref="SelectorParseException">A term has no operator or a value has a bad escape.</exception>
    public static FieldSelector Parse(string text)
    {
        var requirements = new List<FieldRequirement>();
        foreach (var term in SplitTerms(text))
        {
            if (term.Length == 0)
            {
                continue;
            }

            var (field, op, rawValue) = SplitTerm(term)
                ?? throw new SelectorParseException($"invalid selector: '{text}'; can't understand '{term}'");
            field = field.Trim();
            if (field.Length == 0)
            {
                throw new SelectorParseException($"invalid selector: '{text}'; can't understand '{term}'");
            }

            requirements.Add(new FieldRequirement(field, op, UnescapeValue(rawValue)));
        }

        return requirements.Count == 0 ? Everything : new FieldSelector(requirements.OrderBy(r => r.Field, StringComparer.Ordinal).ToArray());
    }

    /// <summary>True when every requirement holds; <paramref name="fieldValue"/> returns a field's value (null counts as "").</summary>
    public bool Matches(Func<string, string?> fieldValue)
    {
        for (var i = 0; i < Requirements.Count; i++)
        {
            if (!Requirements[i].Matches(fieldValue(Requirements[i].Field)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The value an equality requirement on <paramref name="field"/> demands, or null;
    /// lets a store look up <c>metadata.name=x</c> directly instead of scanning.</summary>
    public string? RequiresExactMatch(string field)
    {
        foreach (var r in Requirements)
        {
            if (r.Field == field && r.Operator != FieldSelectorOperator.NotEquals)
            {
                return r.Value;
            }
        }

        return null;
    }

    public override string ToString() => string.Join(",", Requirements);

    /// <summary>Escapes '\', ',' and '=' so a value can be written into a selector.</summary>
    public static string EscapeValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal);

    /// <summary>Splits on commas that are not escaped by a backslash.</summary>
    private static List<string> SplitTerms(string text)
    {
        var terms = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++; // whatever follows a backslash belongs to the value
            }
            else if (text[i] == ',')
            {
                terms.Add(text[start..i]);
                start = i + 1;
            }
        }

        terms.Add(text[start..]);
        return terms;
    }

    /// <summary>Splits a term at its first unescaped operator, preferring "!=" and "==" over "=".</summary>
    private static (string Field, FieldSelectorOperator Op, string Value)? SplitTerm(string term)
    {
        for (var i = 0; i < term.Length; i++)
        {
            if (term[i] == '\\')
            {
                i++;
                continue;
            }

            if (term[i] == '!' && i + 1 < term.Length && term[i + 1] == '=')
            {
                return (term[..i], FieldSelectorOperator.NotEquals, term[(i + 2)..]);
            }

            if (term[i] == '=' && i + 1 < term.Length && term[i + 1] == '=')
            {
                return (term[..i], FieldSelectorOperator.DoubleEquals, term[(i + 2)..]);
            }

            if (term[i] == '=')
            {
                return (term[..i], FieldSelectorOperator.Equals, term[(i + 1)..]);
            }
        }

        return null;
    }

    private static string UnescapeValue(string value)
    {
        if (value.IndexOfAny(['\\', '=', ',']) < 0)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\')
            {
                if (i + 1 >= value.Length)
                {
                    throw new SelectorParseException($"invalid field selector: invalid escape sequence: \\ at end of value '{value}'");
                }

                var escaped = value[++i];
                if (escaped is not ('\\' or ',' or '='))
                {
                    throw new SelectorParseException($"invalid field selector: invalid escape sequence: \\{escaped}");
                }

                sb.Append(escaped);
            }
            else if (c is '=' or ',')
            {
                throw new SelectorParseException($"invalid field selector: unescaped character '{c}' in value '{value}'");
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}

namespace Tke.ApiMachinery.Selectors;

public enum LabelSelectorOperator
{
    Equals,
    DoubleEquals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
    GreaterThan,
    LessThan,
}

/// <summary>One condition of a label selector, e.g. <c>env in (prod,qa)</c>. Values are sorted and distinct.</summary>
public sealed class LabelRequirement
{
    internal LabelRequirement(string key, LabelSelectorOperator op, IReadOnlyList<string> values)
    {
        Key = key;
        Operator = op;
        Values = values;
    }

    public string Key { get; }

    public LabelSelectorOperator Operator { get; }

    public IReadOnlyList<string> Values { get; }

    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        string? value = null;
        var has = labels is not null && labels.TryGetValue(Key, out value);
        switch (Operator)
        {
            case LabelSelectorOperator.Equals or LabelSelectorOperator.DoubleEquals or LabelSelectorOperator.In:
                return has && Contains(value!);
            case LabelSelectorOperator.NotEquals or LabelSelectorOperator.NotIn:
                return !has || !Contains(value!);
            case LabelSelectorOperator.Exists:
                return has;
            case LabelSelectorOperator.DoesNotExist:
                return !has;
            case LabelSelectorOperator.GreaterThan or LabelSelectorOperator.LessThan:
                // Both sides must be integers; anything else does not match.
                if (!has || !long.TryParse(value, out var actual) || !long.TryParse(Values[0], out var bound))
                {
                    return false;
                }

                return Operator == LabelSelectorOperator.GreaterThan ? actual > bound : actual < bound;
            default:
                return false;
        }
    }

    /// <summary>The requirement in selector syntax, as Kubernetes prints it.</summary>
    public override string ToString() => Operator switch
    {
        LabelSelectorOperator.Exists => Key,
        LabelSelectorOperator.DoesNotExist => "!" + Key,
        LabelSelectorOperator.Equals => $"{Key}={Values[0]}",
        LabelSelectorOperator.DoubleEquals => $"{Key}=={Values[0]}",
        LabelSelectorOperator.NotEquals => $"{Key}!={Values[0]}",
        LabelSelectorOperator.GreaterThan => $"{Key}>{Values[0]}",
        LabelSelectorOperator.LessThan => $"{Key}<{Values[0]}",
        LabelSelectorOperator.In => $"{Key} in ({string.Join(",", Values)})",
        LabelSelectorOperator.NotIn => $"{Key} notin ({string.Join(",", Values)})",
        _ => Key,
    };

    private bool Contains(string value)
    {
        for (var i = 0; i < Values.Count; i++)
        {
            if (Values[i] == value)
            {
                return true;
            }
        }

        return false;
    }
}

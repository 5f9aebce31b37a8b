namespace Tke.Auth.Authorization;

/// <summary>
/// A precompiled action or resource pattern with TKEStack's matching rules (keyMatchCustom in
/// tke-auth-api's casbin set-up): the comparison ignores case, the whole text must match, and each
/// '*' matches any run of characters, '/' and ':' included. So "get*" matches "getCluster",
/// "*Deployment*" matches "listDeploymentPods", "cluster:*" matches both "cluster:cls-1" and
/// "cluster:cls-1/namespace:ns", and "cluster:cls-1/*" matches everything below cluster cls-1 but
/// not "cluster:cls-1" itself (the '/' before the '*' must be present).
/// Unlike TKEStack, which turned the pattern into a regular expression, characters other than '*'
/// are literal: a '.' in a pattern matches only a '.'.
/// </summary>
public sealed class WildcardPattern
{
    private readonly PatternShape _shape;
    private readonly string _first;
    private readonly string _last;
    private readonly string[] _middle;
    private readonly int _minLength;

    private WildcardPattern(string text, PatternShape shape, string first, string last, string[] middle)
    {
        Text = text;
        _shape = shape;
        _first = first;
        _last = last;
        _middle = middle;
        _minLength = first.Length + last.Length + middle.Sum(m => m.Length);
    }

    /// <summary>The pattern as written in the policy.</summary>
    public string Text { get; }

    /// <summary>True when the pattern matches every text ("*", "**").</summary>
    public bool MatchesEverything => _shape == PatternShape.Any;

    public static WildcardPattern Compile(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var star = pattern.IndexOf('*');
        if (star < 0)
        {
            return new WildcardPattern(pattern, PatternShape.Exact, pattern, "", []);
        }

        var parts = pattern.Split('*');
        var first = parts[0];
        var last = parts[^1];
        var middle = parts[1..^1].Where(p => p.Length > 0).ToArray();
        var shape = (first.Length > 0, last.Length > 0, middle.Length) switch
        {
            (false, false, 0) => PatternShape.Any,
            (true, false, 0) => PatternShape.Prefix,
            (false, true, 0) => PatternShape.Suffix,
            (true, true, 0) => PatternShape.PrefixSuffix,
            (false, false, 1) => PatternShape.Contains,
            _ => PatternShape.General,
        };

        // "*abc*" keeps its one literal in _first so the common contains check reads one field.
        return shape == PatternShape.Contains
            ? new WildcardPattern(pattern, shape, middle[0], "", [])
            : new WildcardPattern(pattern, shape, first, last, middle);
    }

    public bool IsMatch(string text) => IsMatch(text.AsSpan());

    public bool IsMatch(ReadOnlySpan<char> text)
    {
        const StringComparison IgnoreCase = StringComparison.OrdinalIgnoreCase;
        switch (_shape)
        {
            case PatternShape.Any:
                return true;
            case PatternShape.Exact:
                return text.Equals(_first, IgnoreCase);
            case PatternShape.Prefix:
                return text.StartsWith(_first, IgnoreCase);
            case PatternShape.Suffix:
                return text.EndsWith(_last, IgnoreCase);
            case PatternShape.Contains:
                return text.Contains(_first, IgnoreCase);
            case PatternShape.PrefixSuffix:
                return text.Length >= _minLength && text.StartsWith(_first, IgnoreCase) && text.EndsWith(_last, IgnoreCase);
            default:
                return MatchesGeneral(text);
        }
    }

    public override string ToString() => Text;

    /// <summary>
    /// Prefix, then each middle literal at its leftmost place, then suffix: leftmost placement is
    /// enough for '*'-only globs, so no backtracking is needed.
    /// </summary>
    private bool MatchesGeneral(ReadOnlySpan<char> text)
    {
        const StringComparison IgnoreCase = StringComparison.OrdinalIgnoreCase;
        if (text.Length < _minLength || !text.StartsWith(_first, IgnoreCase) || !text.EndsWith(_last, IgnoreCase))
        {
            return false;
        }

        var rest = text[_first.Length..^_last.Length];
        foreach (var literal in _middle)
        {
            var at = rest.IndexOf(literal, IgnoreCase);
            if (at < 0)
            {
                return false;
            }

            rest = rest[(at + literal.Length)..];
        }

        return true;
    }

    private enum PatternShape
    {
        Any,
        Exact,
        Prefix,
        Suffix,
        Contains,
        PrefixSuffix,
        General,
    }
}

using Tke.ApiMachinery.Validation;
using Tke.Auth.Apis.Policies;

namespace Tke.Auth.Authorization;

/// <summary>
/// Checks the syntax of a policy statement before it is stored, so the engine never meets a
/// pattern it cannot read. Errors use the field paths under <c>fieldPath</c>, e.g.
/// <c>spec.statement.actions[2]</c>.
/// <list type="bullet">
/// <item>Actions: a non-empty list; each an API name (letters, digits, '*', and ':', '_', '.', '-'
/// for "permid:" feature sets), at most 256 characters, no duplicates.</item>
/// <item>Resources: a non-empty list; each "*" or type:name segments joined by '/', outermost first.
/// A segment is "*" or type:name where the type is letters, digits, '_' or '-' (starting with a
/// letter) or '*' wildcards, and the name is one or more characters other than whitespace, '/' and
/// ':'. Empty segments ("a:b//c", a trailing '/') are errors.</item>
/// <item>Effect: "allow" or "deny".</item>
/// </list>
/// </summary>
public static class PolicyStatementValidator
{
    public const int MaxPatternLength = 256;

    private static readonly string[] Effects = [PolicyEffects.Allow, PolicyEffects.Deny];

    public static void Validate(Statement statement, FieldErrorList errors, string fieldPath)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(errors);

        ValidateList(statement.Actions, errors, fieldPath + ".actions", "must specify at least one action", ActionProblem);
        ValidateList(statement.Resources, errors, fieldPath + ".resources", "must specify at least one resource", ResourceProblem);

        if (string.IsNullOrEmpty(statement.Effect))
        {
            errors.Required(fieldPath + ".effect", "must be \"allow\" or \"deny\"");
        }
        else if (!Effects.Contains(statement.Effect))
        {
            errors.NotSupported(fieldPath + ".effect", statement.Effect, Effects);
        }
    }

    /// <summary>Why an action pattern is malformed, or null when it is well formed.</summary>
    public static string? ActionProblem(string action)
    {
        if (action.Length > MaxPatternLength)
        {
            return $"must be at most {MaxPatternLength} characters";
        }

        foreach (var c in action)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '*' or ':' or '_' or '.' or '-'))
            {
                return $"must contain only letters, digits, '*', ':', '_', '.' or '-' (found {Describe(c)})";
            }
        }

        return null;
    }

    /// <summary>Why a resource pattern is malformed, or null when it is well formed.</summary>
    public static string? ResourceProblem(string resource)
    {
        if (resource.Length > MaxPatternLength)
        {
            return $"must be at most {MaxPatternLength} characters";
        }

        foreach (var c in resource)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return $"must not contain {Describe(c)}";
            }
        }

        if (resource == "*")
        {
            return null;
        }

        var index = 0;
        foreach (var segment in resource.Split('/'))
        {
            index++;
            if (segment == "*")
            {
                continue;
            }

            if (segment.Length == 0)
            {
                return $"segment {index} is empty: segments are type:name joined by '/'";
            }

            var colon = segment.IndexOf(':');
            if (colon < 0)
            {
                return $"segment \"{segment}\" must be \"*\" or type:name, e.g. cluster:cls-123";
            }

            var type = segment.AsSpan(0, colon);
            var name = segment.AsSpan(colon + 1);
            if (!IsSegmentType(type))
            {
                return $"segment \"{segment}\" has a bad type: letters, digits, '_' or '-' starting with a letter, or '*'";
            }

            if (name.Length == 0)
            {
                return $"segment \"{segment}\" has no name: use \"*\" for any name";
            }

            if (name.Contains(':'))
            {
                return $"segment \"{segment}\" has more than one ':'";
            }
        }

        return null;
    }

    private static void ValidateList(List<string>? items, FieldErrorList errors, string path, string emptyDetail, Func<string, string?> problemOf)
    {
        if (items is null || items.Count == 0)
        {
            errors.Required(path, emptyDetail);
            return;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var itemPath = $"{path}[{i}]";
            if (string.IsNullOrEmpty(item))
            {
                errors.Required(itemPath, "must not be empty");
            }
            else if (problemOf(item) is { } problem)
            {
                errors.Invalid(itemPath, item, problem);
            }
            else if (!seen.Add(item))
            {
                // Matching ignores case, so "getCluster" and "GetCluster" are the same entry.
                errors.Duplicate(itemPath, item);
            }
        }
    }

    private static bool IsSegmentType(ReadOnlySpan<char> type)
    {
        if (type.Length == 0)
        {
            return false;
        }

        if (!(char.IsAsciiLetter(type[0]) || type[0] == '*'))
        {
            return false;
        }

        foreach (var c in type)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '*' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(char c) => char.IsWhiteSpace(c) || char.IsControl(c) ? $"U+{(int)c:X4}" : $"'{c}'";
}

using System.Text.RegularExpressions;

namespace Tke.Auth.Apis.Policies;

/// <summary>
/// The text forms of policy actions and resources. An action is an API name with '*'
/// wildcards ("get*", "*Deployment*") or a feature-set id ("permid:..."). A resource is
/// "*" or type:id segments joined by '/' from the outermost scope inwards, where a segment
/// may also be "*" ("cluster:cls-123/deployment:deploy-123/*").
/// </summary>
public static partial class StatementFormat
{
    public static bool IsAction(string action) => ActionPattern().IsMatch(action);

    /// <summary>Why the resource is malformed, or null when it is well formed.</summary>
    public static string? ResourceProblem(string resource)
    {
        if (resource.Length == 0)
        {
            return "must not be empty";
        }

        foreach (var segment in resource.Split('/'))
        {
            if (segment == "*")
            {
                continue;
            }

            if (segment.Length == 0)
            {
                return "must not contain empty segments";
            }

            if (!SegmentPattern().IsMatch(segment))
            {
                return $"segment \"{segment}\" must be \"*\" or type:id, e.g. cluster:cls-123";
            }
        }

        return null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9*][A-Za-z0-9*:_.\-]*$")]
    private static partial Regex ActionPattern();

    [GeneratedRegex(@"^[A-Za-z*][A-Za-z0-9_*\-]*:[^\s/:]+$")]
    private static partial Regex SegmentPattern();
}

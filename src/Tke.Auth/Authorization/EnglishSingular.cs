namespace Tke.Auth.Authorization;

/// <summary>
/// Turns a resource plural into the singular TKEStack puts in action names. TKEStack used the
/// go-openapi/inflect rules, whose quirks are visible in its preset policies ("prometheuses"
/// becomes "prometheuse"), so these are the same suffix rules, most specific first.
/// </summary>
public static class EnglishSingular
{
    private static readonly (string Suffix, string Replacement)[] Rules =
    [
        ("statuses", "status"),
        ("aliases", "alias"),
        ("vertices", "vertex"),
        ("indices", "index"),
        ("matrices", "matrix"),
        ("quizzes", "quiz"),
        ("databases", "database"),
        ("buses", "bus"),
        ("shoes", "shoe"),
        ("oes", "o"),
        ("xes", "x"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("sses", "ss"),
        ("ss", "ss"),
        ("status", "status"),
        ("news", "news"),
    ];

    public static string Of(string plural)
    {
        if (plural.Length == 0)
        {
            return plural;
        }

        foreach (var (suffix, replacement) in Rules)
        {
            if (plural.EndsWith(suffix, StringComparison.Ordinal))
            {
                return string.Concat(plural.AsSpan(0, plural.Length - suffix.Length), replacement);
            }
        }

        // "policies" -> "policy", but "movies"-like vowel-ies endings only drop the "s".
        if (plural.Length > 3 && plural.EndsWith("ies", StringComparison.Ordinal) && !IsVowel(plural[^4]))
        {
            return string.Concat(plural.AsSpan(0, plural.Length - 3), "y");
        }

        return plural[^1] == 's' ? plural[..^1] : plural;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
}

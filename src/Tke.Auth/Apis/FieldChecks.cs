using System.Text.RegularExpressions;
using Tke.ApiMachinery.Validation;

namespace Tke.Auth.Apis;

/// <summary>Field rules shared by several auth kinds that the schema cannot express.</summary>
internal static partial class FieldChecks
{
    public static void Unchanged(string? current, string? previous, string path, FieldErrorList errors)
    {
        if (!string.Equals(current ?? "", previous ?? "", StringComparison.Ordinal))
        {
            errors.Invalid(path, current, "field is immutable");
        }
    }

    public static void NotEmpty<TItem>(IReadOnlyCollection<TItem>? items, string path, FieldErrorList errors, string detail)
    {
        if (items is null || items.Count == 0)
        {
            errors.Required(path, detail);
        }
    }

    /// <summary>Rejects empty and repeated entries of a list of names.</summary>
    public static void DistinctNames(IReadOnlyList<string>? names, string path, FieldErrorList errors)
    {
        if (names is null)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(names[i]))
            {
                errors.Required($"{path}[{i}]", "must not be empty");
            }
            else if (!seen.Add(names[i]))
            {
                errors.Duplicate($"{path}[{i}]", names[i]);
            }
        }
    }

    public static bool IsEmail(string value) => EmailPattern().IsMatch(value);

    public static bool IsPhoneNumber(string value) => PhonePattern().IsMatch(value);

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    // Digits with an optional leading '+' and inner dashes, as console forms accept.
    [GeneratedRegex(@"^\+?[0-9][0-9-]{4,19}$")]
    private static partial Regex PhonePattern();
}

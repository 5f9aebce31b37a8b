using System.Text.RegularExpressions;
using Tke.ApiMachinery.Validation;

namespace Tke.Notify.Apis;

/// <summary>Field rules shared by several notify kinds that the schema cannot express.</summary>
internal static partial class FieldChecks
{
    public static void TenantUnchanged(string? current, string? previous, FieldErrorList errors)
    {
        if (!string.Equals(current ?? "", previous ?? "", StringComparison.Ordinal))
        {
            errors.Forbidden("spec.tenantID", "the tenant cannot be changed");
        }
    }

    public static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public static bool IsEmail(string value) => EmailPattern().IsMatch(value);

    public static bool IsMobile(string value) => MobilePattern().IsMatch(value);

    public static void DistinctNames(IReadOnlyList<string>? names, string path, FieldErrorList errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (names?.Count ?? 0); i++)
        {
            if (string.IsNullOrWhiteSpace(names![i]))
            {
                errors.Required($"{path}[{i}]", "must not be empty");
            }
            else if (!seen.Add(names[i]))
            {
                errors.Duplicate($"{path}[{i}]", names[i]);
            }
        }
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9][0-9-]{4,19}$")]
    private static partial Regex MobilePattern();
}

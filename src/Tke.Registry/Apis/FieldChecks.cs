using Tke.ApiMachinery.Validation;

namespace Tke.Registry.Apis;

/// <summary>Field rules shared by several registry kinds that the schema cannot express.</summary>
internal static class FieldChecks
{
    public static void Unchanged(string? current, string? previous, string path, FieldErrorList errors)
    {
        if (!string.Equals(current ?? "", previous ?? "", StringComparison.Ordinal))
        {
            errors.Invalid(path, current, "field is immutable");
        }
    }
}

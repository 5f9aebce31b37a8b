using Tke.ApiMachinery.Validation;

namespace Tke.Platform.Apis.Shared;

/// <summary>Field-error shorthands in Kubernetes' wording.</summary>
public static class FieldErrorListExtensions
{
    /// <summary>
    /// Reports a present-but-empty string. A missing value is already reported by the schema
    /// ([RequiredField]), so reporting null here would duplicate it.
    /// </summary>
    public static void RequiredIfEmpty(this FieldErrorList errors, string path, string? value, string detail = "")
    {
        if (value is "")
        {
            errors.Required(path, detail);
        }
    }

    public static void Immutable<T>(this FieldErrorList errors, string path, T value, T old)
    {
        if (!EqualityComparer<T>.Default.Equals(value, old))
        {
            errors.Invalid(path, value, "field is immutable");
        }
    }

    public static void ImmutableMap(this FieldErrorList errors, string path, IReadOnlyDictionary<string, string>? value, IReadOnlyDictionary<string, string>? old)
    {
        var same = (value?.Count ?? 0) == (old?.Count ?? 0)
            && (value ?? new Dictionary<string, string>()).All(kv => old is not null && old.TryGetValue(kv.Key, out var o) && o == kv.Value);
        if (!same)
        {
            errors.Invalid(path, null, "field is immutable");
        }
    }
}

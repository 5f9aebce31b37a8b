using System.Text.RegularExpressions;
using Tke.ApiMachinery.Validation;

namespace Tke.SimCluster.Core;

/// <summary>Kubernetes' rules for the keys of ConfigMap and Secret data, and for their immutable flag.</summary>
public static partial class DataKeyRules
{
    public const int MaxKeyLength = 253;

    public static void Validate(IEnumerable<string>? keys, IEnumerable<string>? otherKeys, string field, string otherField, FieldErrorList errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys ?? [])
        {
            ValidateKey(key, field, errors);
            seen.Add(key);
        }

        foreach (var key in otherKeys ?? [])
        {
            ValidateKey(key, otherField, errors);
            if (seen.Contains(key))
            {
                errors.Invalid($"{field}[{key}]", key, $"duplicate of key present in {otherField}");
            }
        }
    }

    public static void ValidateImmutable(bool? immutable, bool? oldImmutable, bool dataUnchanged, FieldErrorList errors)
    {
        if (oldImmutable != true)
        {
            return;
        }

        if (immutable != true)
        {
            errors.Forbidden("immutable", "field is immutable when `immutable` is set");
        }

        if (!dataUnchanged)
        {
            errors.Forbidden("data", "field is immutable when `immutable` is set");
        }
    }

    private static void ValidateKey(string key, string field, FieldErrorList errors)
    {
        var path = $"{field}[{key}]";
        if (key.Length > MaxKeyLength)
        {
            errors.TooLong(path, MaxKeyLength);
        }
        else if (!KeyPattern().IsMatch(key))
        {
            errors.Invalid(path, key, "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name', or 'KEY_NAME', or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
        }
        else if (key is "." or ".." || key.StartsWith("..", StringComparison.Ordinal))
        {
            errors.Invalid(path, key, "must not be '.' or '..' and must not start with '..'");
        }
    }

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex KeyPattern();
}

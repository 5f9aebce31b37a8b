using Tke.ApiMachinery.Validation;
using Tke.Kubernetes.Resources;
using Tke.ApiMachinery.Objects;

namespace Tke.Platform.Apis.Shared;

/// <summary>Rules for quota resource lists shared by projects, business namespaces and clusters.</summary>
public static class ResourceListRules
{
    /// <summary>Each name is a qualified name and each quantity parses and is not negative.</summary>
    public static void Validate(ResourceList? list, string path, FieldErrorList errors)
    {
        foreach (var (name, quantity) in list ?? [])
        {
            var itemPath = $"{path}[{name}]";
            if (!QualifiedName.IsValid(name))
            {
                errors.Invalid(itemPath, name, "must be a qualified resource name, e.g. 'cpu', 'requests.memory' or 'example.com/gpu'");
            }

            if (!Quantity.TryParse(quantity, out var amount))
            {
                errors.Invalid(itemPath, quantity, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
            }
            else if (amount.Value < 0)
            {
                errors.Invalid(itemPath, quantity, "must be greater than or equal to 0");
            }
        }
    }

    /// <summary>A hard limit may not drop below what is already in use.</summary>
    public static void ValidateNotBelowUsed(ResourceList? hard, ResourceList? used, string path, FieldErrorList errors)
    {
        foreach (var (name, limit) in hard ?? [])
        {
            if (used is null || !used.TryGetValue(name, out var inUse))
            {
                continue;
            }

            if (Quantity.TryParse(limit, out var limitAmount) && Quantity.TryParse(inUse, out var usedAmount) && limitAmount < usedAmount)
            {
                errors.Invalid($"{path}[{name}]", limit, $"must not be less than the amount already used ({inUse})");
            }
        }
    }
}

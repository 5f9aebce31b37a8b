using Tke.ApiMachinery.CustomResources;
using Tke.ApiMachinery.Validation;

namespace Tke.SimCluster.ApiExtensions;

/// <summary>kube-apiserver's validation of a CustomResourceDefinition (ValidateCustomResourceDefinition),
/// with its field paths and wording.</summary>
public static class CustomResourceDefinitionRules
{
    private static readonly string[] Scopes = ["Cluster", "Namespaced"];
    private static readonly string[] ColumnTypes = ["boolean", "date", "integer", "number", "string"];
    private static readonly string[] ColumnFormats = ["byte", "date", "date-time", "double", "float", "int32", "int64", "password"];

    public static void Validate(CustomResourceDefinition crd, FieldErrorList errors)
    {
        var spec = crd.Spec;
        var name = crd.Metadata.Name ?? "";
        if (name != $"{spec.Names.Plural}.{spec.Group}")
        {
            errors.Invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group");
        }

        ValidateGroup(spec.Group, errors);
        ValidateNames(spec.Names, "spec.names", errors);
        if (string.IsNullOrEmpty(spec.Scope))
        {
            errors.Required("spec.scope");
        }
        else if (!Scopes.Contains(spec.Scope))
        {
            errors.NotSupported("spec.scope", spec.Scope, Scopes);
        }

        ValidateVersions(spec.Versions, errors);
        if (spec.PreserveUnknownFields == true)
        {
            errors.Invalid("spec.preserveUnknownFields", true, "cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead");
        }

        switch (spec.Conversion?.Strategy)
        {
            case null or "None":
                if (spec.Conversion?.Webhook is not null)
                {
                    errors.Forbidden("spec.conversion.webhook", "should not be set when strategy is not set to Webhook");
                }

                break;
            case "Webhook":
                errors.Forbidden("spec.conversion.strategy", "conversion webhooks are not supported by this simulated cluster: only strategy None is (versions differ only in apiVersion)");
                break;
            default:
                errors.NotSupported("spec.conversion.strategy", spec.Conversion.Strategy, ["None", "Webhook"]);
                break;
        }
    }

    private static void ValidateGroup(string group, FieldErrorList errors)
    {
        if (string.IsNullOrEmpty(group))
        {
            errors.Required("spec.group");
            return;
        }

        foreach (var problem in Names.IsDns1123Subdomain(group))
        {
            errors.Invalid("spec.group", group, problem);
        }

        if (group.Split('.').Length < 2)
        {
            errors.Invalid("spec.group", group, "should be a domain with at least one dot");
        }
    }

    private static void ValidateNames(CustomResourceDefinitionNames names, string path, FieldErrorList errors)
    {
        Label(names.Plural, path + ".plural", required: true, errors);
        Label(names.Singular, path + ".singular", required: true, errors);
        MixedCaseLabel(names.Kind, path + ".kind", errors);
        MixedCaseLabel(names.ListKind, path + ".listKind", errors);
        if (!string.IsNullOrEmpty(names.Kind) && names.Kind == names.ListKind)
        {
            errors.Invalid(path + ".listKind", names.ListKind, "kind and listKind may not be the same");
        }

        var shortNames = names.ShortNames ?? [];
        for (var i = 0; i < shortNames.Count; i++)
        {
            Label(shortNames[i], $"{path}.shortNames[{i}]", required: true, errors);
        }

        var categories = names.Categories ?? [];
        for (var i = 0; i < categories.Count; i++)
        {
            Label(categories[i], $"{path}.categories[{i}]", required: true, errors);
        }
    }

    private static void Label(string? value, string path, bool required, FieldErrorList errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                errors.Required(path);
            }

            return;
        }

        foreach (var problem in Names.IsDns1035Label(value))
        {
            errors.Invalid(path, value, problem);
        }
    }

    private static void MixedCaseLabel(string? value, string path, FieldErrorList errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Required(path);
        }
        else if (Names.IsDns1035Label(value.ToLowerInvariant()).Count > 0)
        {
            errors.Invalid(path, value, "may have mixed case, but should otherwise match: [a-z]([-a-z0-9]*[a-z0-9])?");
        }
    }

    private static void ValidateVersions(List<CustomResourceDefinitionVersion> versions, FieldErrorList errors)
    {
        if (versions.Count == 0)
        {
            errors.Required("spec.versions", "must have exactly one version marked as storage version");
            return;
        }

        var storage = versions.Where(v => v.Storage).Select(v => v.Name).ToList();
        if (storage.Count != 1)
        {
            errors.Invalid("spec.versions", $"storage versions [{string.Join(", ", storage)}]", "must have exactly one version marked as storage version");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < versions.Count; i++)
        {
            var version = versions[i];
            var path = $"spec.versions[{i}]";
            Label(version.Name, path + ".name", required: true, errors);
            if (!string.IsNullOrEmpty(version.Name) && !seen.Add(version.Name))
            {
                errors.Duplicate(path + ".name", version.Name);
            }

            if (version.Schema?.OpenApiV3Schema is not { } schema)
            {
                errors.Required(path + ".schema.openAPIV3Schema", "schemas are required");
            }
            else
            {
                StructuralSchemaRules.Validate(schema, path + ".schema.openAPIV3Schema", errors);
            }

            if (version.Subresources?.Scale is { } scale)
            {
                if (!scale.SpecReplicasPath.StartsWith(".spec.", StringComparison.Ordinal))
                {
                    errors.Invalid(path + ".subresources.scale.specReplicasPath", scale.SpecReplicasPath, "should be a json path under .spec");
                }

                if (!scale.StatusReplicasPath.StartsWith(".status.", StringComparison.Ordinal))
                {
                    errors.Invalid(path + ".subresources.scale.statusReplicasPath", scale.StatusReplicasPath, "should be a json path under .status");
                }
            }

            ValidateColumns(version.AdditionalPrinterColumns ?? [], path + ".additionalPrinterColumns", errors);
        }
    }

    private static void ValidateColumns(List<CustomResourceColumnDefinition> columns, string path, FieldErrorList errors)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var at = $"{path}[{i}]";
            if (string.IsNullOrEmpty(column.Name))
            {
                errors.Required(at + ".name");
            }

            if (!ColumnTypes.Contains(column.Type))
            {
                errors.NotSupported(at + ".type", column.Type, ColumnTypes);
            }

            if (!string.IsNullOrEmpty(column.Format) && !ColumnFormats.Contains(column.Format))
            {
                errors.NotSupported(at + ".format", column.Format, ColumnFormats);
            }

            if (column.Priority is < 0)
            {
                errors.Invalid(at + ".priority", column.Priority, "must be greater than or equal to 0");
            }

            if (string.IsNullOrEmpty(column.JsonPath))
            {
                errors.Required(at + ".jsonPath");
            }
            else if (JsonPathQuery.TryParse(column.JsonPath, out var problem) is null)
            {
                errors.Invalid(at + ".jsonPath", column.JsonPath, problem ?? "must be a simple json path");
            }
        }
    }
}

using Tke.ApiMachinery.Validation;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Rbac;

/// <summary>kube-apiserver's validation and defaulting of RBAC objects, with its field paths and wording.</summary>
public static class RbacFieldRules
{
    public const string RoleKind = "Role";
    public const string ClusterRoleKind = "ClusterRole";

    /// <summary>RBAC names are path segments: not "." or "..", and without "/" or "%".</summary>
    public static IReadOnlyList<string> PathSegmentName(string name)
    {
        if (name is "." or "..")
        {
            return [$"may not be '{name}'"];
        }

        var errors = new List<string>();
        foreach (var illegal in new[] { "/", "%" })
        {
            if (name.Contains(illegal, StringComparison.Ordinal))
            {
                errors.Add($"may not contain '{illegal}'");
            }
        }

        return errors;
    }

    /// <summary>rbac/v1 defaulting: roleRef.apiGroup is the RBAC group, User and Group subjects are of the RBAC group.</summary>
    public static void ApplyDefaults(RoleRef roleRef, List<Subject>? subjects)
    {
        if (roleRef.ApiGroup.Length == 0)
        {
            roleRef.ApiGroup = RbacApiGroup.GroupName;
        }

        foreach (var subject in subjects ?? [])
        {
            if (string.IsNullOrEmpty(subject.ApiGroup) && subject.Kind is Subject.UserKind or Subject.GroupKind)
            {
                subject.ApiGroup = RbacApiGroup.GroupName;
            }
        }
    }

    public static void ValidateRules(List<PolicyRule>? rules, bool namespaced, FieldErrorList errors)
    {
        for (var i = 0; i < (rules?.Count ?? 0); i++)
        {
            var rule = rules![i];
            var path = $"rules[{i}]";
            if (rule is null)
            {
                errors.Required(path);
                continue;
            }

            if (rule.Verbs is not { Count: > 0 })
            {
                errors.Required(path + ".verbs", "verbs must contain at least one value");
            }

            if (rule.NonResourceUrls is { Count: > 0 } urls)
            {
                if (namespaced)
                {
                    errors.Invalid(path + ".nonResourceURLs", GoSlice(urls), "namespaced rules cannot apply to non-resource URLs");
                }

                if (rule.ApiGroups is { Count: > 0 } || rule.Resources is { Count: > 0 } || rule.ResourceNames is { Count: > 0 })
                {
                    errors.Invalid(path + ".nonResourceURLs", GoSlice(urls), "rules cannot apply to both regular resources and non-resource URLs");
                }

                continue;
            }

            if (rule.ApiGroups is not { Count: > 0 })
            {
                errors.Required(path + ".apiGroups", "resource rules must supply at least one api group");
            }

            if (rule.Resources is not { Count: > 0 })
            {
                errors.Required(path + ".resources", "resource rules must supply at least one resource");
            }
        }
    }

    public static void ValidateAggregationRule(AggregationRule? rule, FieldErrorList errors)
    {
        if (rule is null)
        {
            return;
        }

        const string path = "aggregationRule.clusterRoleSelectors";
        if (rule.ClusterRoleSelectors is not { Count: > 0 } selectors)
        {
            errors.Required(path, "at least one clusterRoleSelector required if aggregationRule is non-nil");
            return;
        }

        for (var i = 0; i < selectors.Count; i++)
        {
            ValidateSelector(selectors[i], $"{path}[{i}]", errors);
        }
    }

    public static void ValidateRoleRef(RoleRef roleRef, IReadOnlyList<string> kinds, FieldErrorList errors)
    {
        if (roleRef.ApiGroup != RbacApiGroup.GroupName)
        {
            errors.NotSupported("roleRef.apiGroup", roleRef.ApiGroup, [RbacApiGroup.GroupName]);
        }

        if (!kinds.Contains(roleRef.Kind))
        {
            errors.NotSupported("roleRef.kind", roleRef.Kind, kinds);
        }

        if (roleRef.Name.Length == 0)
        {
            errors.Required("roleRef.name");
        }
        else
        {
            foreach (var message in PathSegmentName(roleRef.Name))
            {
                errors.Invalid("roleRef.name", roleRef.Name, message);
            }
        }
    }

    /// <summary>A binding's role cannot change: kube-apiserver refuses with "cannot change roleRef".</summary>
    public static void ValidateRoleRefUnchanged(RoleRef updated, RoleRef old, FieldErrorList errors)
    {
        if (!updated.SameAs(old))
        {
            errors.Invalid("roleRef", updated, "cannot change roleRef");
        }
    }

    /// <summary>Subjects of a binding; a ServiceAccount of a RoleBinding defaults to the binding's namespace,
    /// of a ClusterRoleBinding it must name one.</summary>
    public static void ValidateSubjects(List<Subject>? subjects, bool namespaced, FieldErrorList errors)
    {
        for (var i = 0; i < (subjects?.Count ?? 0); i++)
        {
            var subject = subjects![i];
            var path = $"subjects[{i}]";
            if (subject is null)
            {
                errors.Required(path);
                continue;
            }

            if (subject.Name.Length == 0)
            {
                errors.Required(path + ".name");
            }

            switch (subject.Kind)
            {
                case Subject.ServiceAccountKind:
                    if (subject.Name.Length > 0)
                    {
                        foreach (var message in Names.IsDns1123Subdomain(subject.Name))
                        {
                            errors.Invalid(path + ".name", subject.Name, message);
                        }
                    }

                    if (!string.IsNullOrEmpty(subject.ApiGroup))
                    {
                        errors.NotSupported(path + ".apiGroup", subject.ApiGroup, [""]);
                    }

                    if (!namespaced && string.IsNullOrEmpty(subject.Namespace))
                    {
                        errors.Required(path + ".namespace");
                    }

                    break;
                case Subject.UserKind or Subject.GroupKind:
                    if (subject.ApiGroup != RbacApiGroup.GroupName)
                    {
                        errors.NotSupported(path + ".apiGroup", subject.ApiGroup ?? "", [RbacApiGroup.GroupName]);
                    }

                    break;
                default:
                    errors.NotSupported(path + ".kind", subject.Kind, [Subject.ServiceAccountKind, Subject.UserKind, Subject.GroupKind]);
                    break;
            }
        }
    }

    private static void ValidateSelector(LabelSelector? selector, string path, FieldErrorList errors)
    {
        if (selector is null)
        {
            return;
        }

        ObjectMetaValidation.ValidateLabels(selector.MatchLabels, path + ".matchLabels", errors);
        for (var i = 0; i < (selector.MatchExpressions?.Count ?? 0); i++)
        {
            var requirement = selector.MatchExpressions![i];
            var at = $"{path}.matchExpressions[{i}]";
            switch (requirement.Operator)
            {
                case "In" or "NotIn" when requirement.Values is not { Count: > 0 }:
                    errors.Required(at + ".values", "must be specified when `operator` is 'In' or 'NotIn'");
                    break;
                case "Exists" or "DoesNotExist" when requirement.Values is { Count: > 0 }:
                    errors.Forbidden(at + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                    break;
                case "In" or "NotIn" or "Exists" or "DoesNotExist":
                    break;
                default:
                    errors.Invalid(at + ".operator", requirement.Operator, "not a valid selector operator");
                    break;
            }

            foreach (var message in Names.IsQualifiedName(requirement.Key))
            {
                errors.Invalid(at + ".key", requirement.Key, message);
            }
        }
    }

    /// <summary>Go's %#v of a []string, as kube-apiserver prints a list value in a field error.</summary>
    private static GoSyntax GoSlice(IEnumerable<string> values) =>
        new("[]string{" + string.Join(", ", values.Select(v => "\"" + v + "\"")) + "}");

    /// <summary>A bad value printed as is, without the quotes a string gets.</summary>
    private sealed record GoSyntax(string Text)
    {
        public override string ToString() => Text;
    }
}

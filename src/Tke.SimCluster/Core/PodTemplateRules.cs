using Tke.ApiMachinery.Validation;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Core;

/// <summary>What every workload checks of its selector and pod template, and the text of its wide columns.</summary>
public static class PodTemplateRules
{
    public static void ApplyDefaults(PodTemplateSpec? template)
    {
        if (template?.Spec is { } spec)
        {
            PodSpecDefaults.Apply(spec);
        }
    }

    /// <summary>A selector is required, must not be empty, and must select the template's own labels.</summary>
    public static void Validate(LabelSelector? selector, PodTemplateSpec? template, FieldErrorList errors)
    {
        if (selector is null)
        {
            errors.Required("spec.selector");
        }
        else if (selector.MatchLabels is not { Count: > 0 } && selector.MatchExpressions is not { Count: > 0 })
        {
            errors.Invalid("spec.selector", "{}", "empty selector is invalid for deployment");
        }
        else if (!selector.Matches(template?.Metadata?.Labels))
        {
            errors.Invalid("spec.template.metadata.labels", template?.Metadata?.Labels, "`selector` does not match template `labels`");
        }

        if (template?.Spec is null)
        {
            errors.Required("spec.template.spec");
            return;
        }

        PodSpecRules.Validate(template.Spec, "spec.template.spec", errors);
    }

    public static string Containers(PodTemplateSpec? template) =>
        string.Join(',', (template?.Spec?.Containers ?? []).Select(c => c.Name));

    public static string Images(PodTemplateSpec? template) =>
        string.Join(',', (template?.Spec?.Containers ?? []).Select(c => c.Image));

    public static string Selector(LabelSelector? selector)
    {
        var parts = (selector?.MatchLabels ?? []).Select(kv => $"{kv.Key}={kv.Value}")
            .Concat((selector?.MatchExpressions ?? []).Select(e => $"{e.Key} {e.Operator.ToLowerInvariant()} ({string.Join(',', e.Values ?? [])})"))
            .ToList();
        return parts.Count == 0 ? "<none>" : string.Join(',', parts);
    }
}

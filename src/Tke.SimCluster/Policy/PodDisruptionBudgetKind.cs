using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.SimCluster.Core;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Policy;

/// <summary>policy/v1 poddisruptionbudgets; the disruption controller keeps their status.</summary>
public sealed class PodDisruptionBudgetKind : KubernetesKind<PodDisruptionBudget>
{
    public override string Group => PolicyApiGroup.GroupName;

    public override string Kind => "PodDisruptionBudget";

    public override string Plural => "poddisruptionbudgets";

    public override IReadOnlyList<string> ShortNames => ["pdb"];

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Min Available", p => p.Spec.MinAvailable?.ToString() ?? "N/A", description: "The minimum number of pods that must be available."),
        Column("Max Unavailable", p => p.Spec.MaxUnavailable?.ToString() ?? "N/A", description: "The maximum number of pods that may be unavailable."),
        Column("Allowed Disruptions", p => p.Status?.DisruptionsAllowed ?? 0, "integer", description: "Evictions currently allowed."),
        Column("Selector", p => PodTemplateRules.Selector(p.Spec.Selector), priority: 1, description: "The budget's pod selector."),
    ];

    protected override void Validate(PodDisruptionBudget obj, FieldErrorList errors)
    {
        if (obj.Spec.MinAvailable is not null && obj.Spec.MaxUnavailable is not null)
        {
            errors.Invalid("spec", "minAvailable and maxUnavailable", "minAvailable and maxUnavailable cannot be both set");
        }

        ValidateAmount("spec.minAvailable", obj.Spec.MinAvailable, errors);
        ValidateAmount("spec.maxUnavailable", obj.Spec.MaxUnavailable, errors);
        if (obj.Spec.UnhealthyPodEvictionPolicy is { } policy && policy is not ("IfHealthyBudget" or "AlwaysAllow"))
        {
            errors.NotSupported("spec.unhealthyPodEvictionPolicy", policy, ["AlwaysAllow", "IfHealthyBudget"]);
        }
    }

    private static void ValidateAmount(string field, IntOrString? value, FieldErrorList errors)
    {
        if (value is null)
        {
            return;
        }

        if (value.Number is < 0)
        {
            errors.Invalid(field, value.Number, "must be greater than or equal to 0");
        }
        else if (value.Number is null && !(DisruptionBudgetMath.TryParsePercent(value.Text, out var percent) && percent <= 100))
        {
            errors.Invalid(field, value.Text, "must be an integer or a percentage between 0% and 100%");
        }
    }
}

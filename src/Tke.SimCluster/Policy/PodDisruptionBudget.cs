using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Policy;

[Description("PodDisruptionBudget is an object to define the max disruption that can be caused to a collection of pods.")]
public sealed class PodDisruptionBudget : ApiObject<PodDisruptionBudgetSpec, PodDisruptionBudgetStatus>
{
}

[Description("PodDisruptionBudgetSpec is a description of a PodDisruptionBudget.")]
public sealed class PodDisruptionBudgetSpec : ExtensibleObject
{
    [JsonPropertyName("minAvailable"), IntOrString, Description("An eviction is allowed if at least minAvailable pods selected by selector will still be available after the eviction. An absolute number or a percentage.")]
    public IntOrString? MinAvailable { get; set; }

    [JsonPropertyName("maxUnavailable"), IntOrString, Description("An eviction is allowed if at most maxUnavailable pods selected by selector are unavailable after the eviction. Mutually exclusive with minAvailable.")]
    public IntOrString? MaxUnavailable { get; set; }

    [JsonPropertyName("selector"), Description("Label query over pods whose evictions are managed by the disruption budget. An empty selector matches every pod in the namespace.")]
    public LabelSelector? Selector { get; set; }

    [JsonPropertyName("unhealthyPodEvictionPolicy"), Description("IfHealthyBudget or AlwaysAllow: when unhealthy running pods may be evicted.")]
    public string? UnhealthyPodEvictionPolicy { get; set; }
}

[Description("PodDisruptionBudgetStatus represents information about the status of a PodDisruptionBudget.")]
public sealed class PodDisruptionBudgetStatus : ExtensibleObject
{
    [JsonPropertyName("observedGeneration"), Description("Most recent generation observed when updating this PDB status.")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("disruptedPods"), Description("Pods whose eviction was processed by the API server but not yet observed deleted, with the time of the eviction (RFC 3339).")]
    public Dictionary<string, string>? DisruptedPods { get; set; }

    [JsonPropertyName("disruptionsAllowed"), Description("Number of pod disruptions that are currently allowed.")]
    public int DisruptionsAllowed { get; set; }

    [JsonPropertyName("currentHealthy"), Description("Current number of healthy pods.")]
    public int CurrentHealthy { get; set; }

    [JsonPropertyName("desiredHealthy"), Description("Minimum desired number of healthy pods.")]
    public int DesiredHealthy { get; set; }

    [JsonPropertyName("expectedPods"), Description("Total number of pods counted by this disruption budget.")]
    public int ExpectedPods { get; set; }

    [JsonPropertyName("conditions"), PatchMergeKey("type"), Description("Conditions of the budget; DisruptionAllowed says whether an eviction may go ahead.")]
    public List<WorkloadCondition>? Conditions { get; set; }
}

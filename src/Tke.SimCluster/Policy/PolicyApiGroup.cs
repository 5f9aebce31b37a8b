using Tke.ApiMachinery.Kinds;

namespace Tke.SimCluster.Policy;

/// <summary>policy/v1 of the simulated cluster: PodDisruptionBudgets (evictions are a pods subresource).</summary>
public sealed class PolicyApiGroup : IApiGroup
{
    public const string GroupName = "policy";

    public string Name => GroupName;

    public string PreferredVersion => "v1";

    public IReadOnlyList<KindDefinition> Kinds { get; } = [new PodDisruptionBudgetKind()];
}

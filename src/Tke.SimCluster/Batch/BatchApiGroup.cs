using Tke.ApiMachinery.Kinds;

namespace Tke.SimCluster.Batch;

/// <summary>batch/v1 of the simulated cluster.</summary>
public sealed class BatchApiGroup : IApiGroup
{
    public const string GroupName = "batch";

    public string Name => GroupName;

    public string PreferredVersion => "v1";

    public IReadOnlyList<KindDefinition> Kinds { get; } = [new JobKind()];
}

using Tke.ApiMachinery.Kinds;

namespace Tke.SimCluster.Core;

/// <summary>The legacy core group (named "", served under /api/v1) of the simulated cluster.</summary>
public sealed class CoreApiGroup : IApiGroup
{
    public string Name => "";

    public string PreferredVersion => "v1";

    public IReadOnlyList<KindDefinition> Kinds { get; } =
    [
        new NamespaceKind(),
        new NodeKind(),
        new PodKind(),
        new ServiceKind(),
        new ConfigMapKind(),
        new SecretKind(),
        new EventKind(),
        new ResourceQuotaKind(),
    ];
}

using Tke.ApiMachinery.Kinds;

namespace Tke.SimCluster.Apps;

/// <summary>apps/v1 of the simulated cluster.</summary>
public sealed class AppsApiGroup : IApiGroup
{
    public const string GroupName = "apps";

    public string Name => GroupName;

    public string PreferredVersion => "v1";

    public IReadOnlyList<KindDefinition> Kinds { get; } =
    [
        new DeploymentKind(),
        new ReplicaSetKind(),
        new StatefulSetKind(),
        new DaemonSetKind(),
    ];
}

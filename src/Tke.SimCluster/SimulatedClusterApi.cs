using Tke.ApiMachinery.Kinds;
using Tke.SimCluster.Apps;
using Tke.SimCluster.Batch;
using Tke.SimCluster.Core;
using Tke.SimCluster.Policy;
using Tke.SimCluster.Rbac;

namespace Tke.SimCluster;

/// <summary>The API groups the simulated cluster serves.</summary>
public static class SimulatedClusterApi
{
    /// <summary>/version's platform field: says plainly that this is not a real cluster.</summary>
    public const string PlatformLabel = "linux/amd64 (simulated cluster)";

    /// <summary>Label on every simulated node.</summary>
    public const string SimulatedLabel = "tke.cloud.tencent.com/simulated";

    public static IReadOnlyList<IApiGroup> Groups() => [new CoreApiGroup(), new AppsApiGroup(), new BatchApiGroup(), new PolicyApiGroup(), new ApiExtensions.ApiExtensionsApiGroup(), new RbacApiGroup()];
}

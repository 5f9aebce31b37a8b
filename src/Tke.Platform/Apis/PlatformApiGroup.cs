using Tke.ApiMachinery.Kinds;
using Tke.Platform.Apis.Addons;
using Tke.Platform.Apis.ClusterCredentials;
using Tke.Platform.Apis.Clusters;
using Tke.Platform.Apis.Machines;
using Tke.Platform.Apis.Registries;

namespace Tke.Platform.Apis;

/// <summary>platform.tkestack.io/v1: clusters, their credentials and machines, and cluster add-ons.</summary>
public sealed class PlatformApiGroup : IApiGroup
{
    public const string GroupName = "platform.tkestack.io";
    public const string GroupVersion = "v1";

    public string Name => GroupName;

    public string PreferredVersion => GroupVersion;

    public IReadOnlyList<KindDefinition> Kinds { get; } =
    [
        new ClusterKind(),
        new ClusterCredentialKind(),
        new MachineKind(),
        new ClusterAddonKind(),
        new RegistryKind(),
        new PersistentEventKind(),
        new TappControllerKind(),
        new CronHPAKind(),
        new ConfigMapKind(GroupName),
    ];
}

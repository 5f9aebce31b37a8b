using Tke.ApiMachinery.Kinds;
using Tke.Business.Apis.ChartGroups;
using Tke.Business.Apis.ImageNamespaces;
using Tke.Business.Apis.Namespaces;
using Tke.Business.Apis.Platforms;
using Tke.Business.Apis.Projects;

namespace Tke.Business.Apis;

/// <summary>
/// business.tkestack.io/v1: projects, their namespaces and repository groups. The read-only
/// "portal" view (<see cref="Portals.Portal"/>) is computed per caller and is not a stored kind.
/// </summary>
public sealed class BusinessApiGroup : IApiGroup
{
    public const string GroupName = "business.tkestack.io";
    public const string GroupVersion = "v1";

    public string Name => GroupName;

    public string PreferredVersion => GroupVersion;

    public IReadOnlyList<KindDefinition> Kinds { get; } =
    [
        new ProjectKind(),
        new NamespaceKind(),
        new PlatformKind(),
        new ImageNamespaceKind(),
        new ChartGroupKind(),
        new ConfigMapKind(GroupName),
    ];
}

using Tke.ApiMachinery.Kinds;
using Tke.Registry.Apis.ChartGroups;
using Tke.Registry.Apis.Charts;
using Tke.Registry.Apis.Namespaces;
using Tke.Registry.Apis.Repositories;

namespace Tke.Registry.Apis;

/// <summary>registry.tkestack.io/v1: image namespaces and repositories, chart repositories and charts.</summary>
public sealed class RegistryApiGroup : IApiGroup
{
    public const string GroupName = "registry.tkestack.io";

    public const string Version = "v1";

    public string Name => GroupName;

    public string PreferredVersion => Version;

    public IReadOnlyList<KindDefinition> Kinds { get; } =
    [
        new NamespaceKind(),
        new RepositoryKind(),
        new ChartGroupKind(),
        new ChartKind(),
        new ConfigMapKind(GroupName),
    ];
}

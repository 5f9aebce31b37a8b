using Tke.ApiMachinery.Kinds;

namespace Tke.SimCluster.ApiExtensions;

/// <summary>apiextensions.k8s.io/v1 of the simulated cluster: CustomResourceDefinitions, whose resources
/// the <see cref="CustomResourceComponent"/> serves as they become established.</summary>
public sealed class ApiExtensionsApiGroup : IApiGroup
{
    public const string GroupName = "apiextensions.k8s.io";

    public const string Resource = "customresourcedefinitions";

    public string Name => GroupName;

    public string PreferredVersion => "v1";

    public IReadOnlyList<KindDefinition> Kinds { get; } = [new CustomResourceDefinitionKind()];
}

using Tke.ApiMachinery.Kinds;
using Tke.Application.Apis.Apps;

namespace Tke.Application.Apis;

/// <summary>application.tkestack.io/v1: Helm applications installed into clusters.</summary>
public sealed class ApplicationApiGroup : IApiGroup
{
    public const string GroupName = "application.tkestack.io";

    public const string Version = "v1";

    public string Name => GroupName;

    public string PreferredVersion => Version;

    public IReadOnlyList<KindDefinition> Kinds { get; } =
    [
        new AppKind(),
        new ConfigMapKind(GroupName),
    ];
}

using Tke.ApiMachinery.Kinds;
using Tke.LogAgent.Apis.LogAgents;

namespace Tke.LogAgent.Apis;

/// <summary>logagent.tkestack.io/v1: the log collection add-on of each cluster.</summary>
public sealed class LogAgentApiGroup : IApiGroup
{
    public const string GroupName = "logagent.tkestack.io";

    public const string Version = "v1";

    public string Name => GroupName;

    public string PreferredVersion => Version;

    public IReadOnlyList<KindDefinition> Kinds { get; } =
    [
        new LogAgentKind(),
        new ConfigMapKind(GroupName),
    ];
}

using Tke.ApiMachinery.Kinds;
using Tke.Monitor.Apis.Prometheuses;

namespace Tke.Monitor.Apis;

/// <summary>
/// monitor.tkestack.io/v1. Stored kinds: Prometheus and ConfigMap. TKEStack's "metrics" and
/// "clusteroverviews" are create-only queries answered on the fly, not stored kinds; their
/// request types live in <see cref="Metrics"/>.
/// </summary>
public sealed class MonitorApiGroup : IApiGroup
{
    public const string GroupName = "monitor.tkestack.io";
    public const string GroupVersion = "v1";

    public string Name => GroupName;

    public string PreferredVersion => GroupVersion;

    public IReadOnlyList<KindDefinition> Kinds { get; } =
    [
        new PrometheusKind(),
        new ConfigMapKind(GroupName),
    ];
}

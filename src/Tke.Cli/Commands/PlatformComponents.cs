using Tke.ApiServer.Components;
using Tke.ApiMachinery.Kinds;

namespace Tke.Cli.Commands;

/// <summary>The composition root: every component's API group and admission plugins that
/// `tke serve` runs in one process.</summary>
public static class PlatformComponents
{
    public static IReadOnlyList<IApiGroup> ApiGroups() =>
    [
        new Tke.Platform.Apis.PlatformApiGroup(),
        new Tke.Business.Apis.BusinessApiGroup(),
        new Tke.Auth.Apis.AuthApiGroup(),
        new Tke.Registry.Apis.RegistryApiGroup(),
        new Tke.Notify.Apis.NotifyApiGroup(),
        new Tke.Monitor.Apis.MonitorApiGroup(),
        new Tke.Application.Apis.ApplicationApiGroup(),
        new Tke.LogAgent.Apis.LogAgentApiGroup(),
    ];

    public static IReadOnlyList<IServerComponent> ServerComponents(Tke.Auth.Server.AuthOptions auth, Tke.Platform.Clusters.ClusterHealthOptions? clusters = null, Tke.Registry.RegistryOptions? registry = null) =>
    [
        new Tke.Auth.Server.AuthComponent(auth),
        new Tke.Platform.Clusters.ClusterComponent(clusters ?? new Tke.Platform.Clusters.ClusterHealthOptions()),
        new Tke.Registry.RegistryComponent(registry ?? new Tke.Registry.RegistryOptions()),
    ];
}

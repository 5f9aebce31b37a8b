using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Http;
using Tke.ApiServer.Components;
using Tke.SimCluster.Controllers.Runtime;

namespace Tke.SimCluster.Controllers;

/// <summary>
/// The simulated cluster's control loops: scheduler, kubelets, the ReplicaSet, Deployment,
/// DaemonSet, StatefulSet and Job controllers, the garbage collector and the disruption controller, so that workloads
/// applied with kubectl roll out as they would on a real cluster (without running anything).
/// </summary>
public sealed class WorkloadControllers : IServerComponent
{
    public IReadOnlyList<IAdmissionPlugin> CreateAdmissionPlugins(ServerContext context) => [];

    public Task<ComponentWiring> StartAsync(ServerContext context, ApiSurface surface, Uri address, CancellationToken cancellationToken)
    {
        var stores = new ClusterStores(surface, context.Catalog, "simulated-controllers");
        var clock = context.Clock;
        ILogger Log(string name) => context.Logs.CreateLogger("tke.simcluster." + name);
        var events = new EventRecorder(stores.Events, clock, Log("events"));
        var loops = new List<(ReconcileLoop Loop, int Workers)>
        {
            (new PodScheduler(stores, events, clock, Log("scheduler")).CreateLoop(), 1),
            (new SimulatedKubelet(stores, events, clock, Log("kubelet")).CreateLoop(), 2),
            (new ReplicaSetController(stores, events, clock, Log("replicaset")).CreateLoop(), 2),
            (new DeploymentController(stores, events, clock, Log("deployment")).CreateLoop(), 2),
            (new DaemonSetController(stores, events, clock, Log("daemonset")).CreateLoop(), 1),
            (new StatefulSetController(stores, events, clock, Log("statefulset")).CreateLoop(), 1),
            (new JobController(stores, events, clock, Log("job")).CreateLoop(), 1),
            (new GarbageCollector(stores, clock, Log("garbage-collector")).CreateLoop(), 1),
            (new DisruptionController(stores, clock, Log("disruption")).CreateLoop(), 1),
        };
        var logger = Log("controllers");
        foreach (var (loop, workers) in loops)
        {
            _ = RunAsync(loop, workers, logger, context.Stopping);
        }

        return Task.FromResult(new ComponentWiring());
    }

    private static async Task RunAsync(ReconcileLoop loop, int workers, ILogger logger, CancellationToken stopping)
    {
        try
        {
            await loop.RunAsync(workers, stopping);
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            logger.LogError(e, "a controller loop stopped");
        }
    }
}

namespace Tke.SimCluster.Controllers.Runtime;

/// <summary>The outcome of one reconcile round: done, or look again after a while (a timed step
/// such as a container "starting" is a requeue, not a sleeping worker).</summary>
public readonly record struct ReconcileResult(TimeSpan? RequeueAfter)
{
    public static ReconcileResult Done => default;

    public static ReconcileResult After(TimeSpan delay) => new(delay);
}

using Microsoft.Extensions.Logging;
using Tke.SimCluster.Batch;
using Tke.SimCluster.Controllers.Runtime;
using Tke.SimCluster.Core;

namespace Tke.SimCluster.Controllers;

/// <summary>
/// Runs a Job's pods until spec.completions of them have Succeeded, at most spec.parallelism at
/// a time, then marks the Job Complete (with SuccessCriteriaMet, as Kubernetes 1.30 does). Pods
/// that fail are replaced until backoffLimit failures, which fail the Job.
/// </summary>
public sealed class JobController(ClusterStores stores, EventRecorder events, TimeProvider clock, ILogger logger)
{
    public const string Component = "job-controller";

    public ReconcileLoop CreateLoop() =>
        new ReconcileLoop("job", ReconcileAsync, logger, clock)
            .Watch(stores.Jobs.Store, ObjectKey.Self)
            .Watch(stores.Pods.Store, ObjectKey.ControllerOfKind("Job"));

    private async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectKey.Split(key);
        var job = await stores.Jobs.GetAsync(ns, name, cancellationToken);
        if (job is null || job.Metadata.DeletionTimestamp is not null || IsFinished(job))
        {
            return ReconcileResult.Done;
        }

        var now = clock.GetUtcNow();
        var pods = (await stores.Pods.ListAsync(ns, cancellationToken)).Where(p => PodFromTemplate.IsControlledBy(p, job)).ToList();
        var succeeded = pods.Count(p => p.Status?.Phase == "Succeeded");
        var failed = pods.Count(p => p.Status?.Phase == "Failed");
        var active = pods.Where(PodFromTemplate.IsActive).ToList();
        var completions = job.Spec.Completions ?? 1;
        var status = job.Status ?? new JobStatus();
        status.StartTime ??= now;

        if (succeeded >= completions)
        {
            status.CompletionTime = now;
            status.Conditions = WorkloadConditions.Set(status.Conditions, "SuccessCriteriaMet", "True", "CompletionsReached", "Reached expected number of succeeded pods", now);
            status.Conditions = WorkloadConditions.Set(status.Conditions, "Complete", "True", "CompletionsReached", "Reached expected number of succeeded pods", now);
            await events.NormalAsync(job, "Job", "batch/v1", Component, "Completed", "Job completed", cancellationToken);
        }
        else if (failed > (job.Spec.BackoffLimit ?? 6))
        {
            status.Conditions = WorkloadConditions.Set(status.Conditions, "Failed", "True", "BackoffLimitExceeded", "Job has reached the specified backoff limit", now);
            await events.WarningAsync(job, "Job", "batch/v1", Component, "BackoffLimitExceeded", "Job has reached the specified backoff limit", cancellationToken);
        }
        else if (job.Spec.Suspend != true)
        {
            var wanted = Math.Min(job.Spec.Parallelism ?? 1, completions - succeeded);
            for (var i = active.Count; i < wanted; i++)
            {
                var pod = await stores.Pods.CreateAsync(PodFromTemplate.Create(job.Spec.Template, job, "Job", "batch/v1"), cancellationToken);
                active.Add(pod);
                await events.NormalAsync(job, "Job", "batch/v1", Component, "SuccessfulCreate", $"Created pod: {pod.Metadata.Name}", cancellationToken);
            }
        }

        status.Active = active.Count(PodFromTemplate.IsActive);
        status.Succeeded = succeeded;
        status.Failed = failed;
        status.Ready = active.Count(PodConditions.IsReady);
        job.Status = status;
        await stores.Jobs.UpdateStatusAsync(job, cancellationToken);
        return ReconcileResult.Done;
    }

    private static bool IsFinished(Job job) =>
        job.Status?.Conditions?.Any(c => c.Type is "Complete" or "Failed" && c.Status == "True") == true;
}

using System.Globalization;
using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Objects;
using Tke.SimCluster.Apps;
using Tke.SimCluster.Controllers.Runtime;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Controllers;

/// <summary>
/// Rolls Deployments out through ReplicaSets: one ReplicaSet per pod template, named
/// "&lt;deployment&gt;-&lt;pod-template-hash&gt;". The current one is scaled up to spec.replicas and
/// the old ones down to 0, within maxSurge and maxUnavailable for RollingUpdate, or all old
/// pods first for Recreate. Status and the Available and Progressing conditions are what
/// `kubectl rollout status` waits for.
/// </summary>
public sealed class DeploymentController(ClusterStores stores, EventRecorder events, TimeProvider clock, ILogger logger)
{
    public const string Component = "deployment-controller";
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    public const string DesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";

    public ReconcileLoop CreateLoop() =>
        new ReconcileLoop("deployment", ReconcileAsync, logger, clock)
            .Watch(stores.Deployments.Store, ObjectKey.Self)
            .Watch(stores.ReplicaSets.Store, ObjectKey.ControllerOfKind("Deployment"));

    private async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectKey.Split(key);
        var deployment = await stores.Deployments.GetAsync(ns, name, cancellationToken);
        if (deployment is null || deployment.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done; // the garbage collector removes its ReplicaSets
        }

        var owned = (await stores.ReplicaSets.ListAsync(ns, cancellationToken))
            .Where(rs => rs.Metadata.OwnerReferences?.Any(r => r.Controller == true && r.Uid == deployment.Metadata.Uid) == true)
            .ToList();
        var hash = TemplateHash.Of(deployment.Spec.Template, deployment.Status?.CollisionCount ?? 0);
        var current = owned.FirstOrDefault(rs => rs.Metadata.Labels?.GetValueOrDefault(TemplateHash.Label) == hash);
        var olds = owned.Where(rs => rs != current).OrderBy(rs => rs.Metadata.CreationTimestamp).ToList();
        var maxRevision = owned.Select(Revision).DefaultIfEmpty(0).Max();
        var created = false;
        if (current is null)
        {
            current = await stores.ReplicaSets.CreateAsync(NewReplicaSet(deployment, hash, maxRevision + 1), cancellationToken);
            created = true;
        }
        else if (Revision(current) < maxRevision)
        {
            // Back to an earlier template (a rollback): it becomes the newest revision again.
            current.Metadata.Annotations ??= [];
            current.Metadata.Annotations[RevisionAnnotation] = (maxRevision + 1).ToString(CultureInfo.InvariantCulture);
            current = await stores.ReplicaSets.UpdateAsync(current, cancellationToken);
        }

        if (deployment.Spec.Paused != true)
        {
            var desired = deployment.Spec.Replicas ?? 1;
            var plan = deployment.Spec.Strategy?.Type == "Recreate"
                ? RolloutPlan.Recreate(desired, current, olds)
                : RolloutPlan.Rolling(desired, MaxSurge(deployment), MaxUnavailable(deployment), current, olds);
            foreach (var (rs, replicas) in plan)
            {
                await ScaleAsync(deployment, rs, replicas, cancellationToken);
            }
        }

        await MarkRevisionAsync(deployment, Revision(current), cancellationToken);
        await UpdateStatusAsync(deployment, current, [current, .. olds], created, cancellationToken);
        return ReconcileResult.Done;
    }

    private static ReplicaSet NewReplicaSet(Deployment deployment, string hash, long revision)
    {
        var template = PodFromTemplate.Copy(deployment.Spec.Template);
        template.Metadata ??= new ObjectMeta();
        template.Metadata.Labels = new Dictionary<string, string>(template.Metadata.Labels ?? []) { [TemplateHash.Label] = hash };
        var selector = PodFromTemplate.Copy(deployment.Spec.Selector ?? new LabelSelector());
        selector.MatchLabels = new Dictionary<string, string>(selector.MatchLabels ?? []) { [TemplateHash.Label] = hash };
        return new ReplicaSet
        {
            Metadata = new ObjectMeta
            {
                Name = $"{deployment.Metadata.Name}-{hash}",
                Namespace = deployment.Metadata.Namespace,
                Labels = new Dictionary<string, string>(template.Metadata.Labels),
                Annotations = new Dictionary<string, string>
                {
                    [RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture),
                    [DesiredReplicasAnnotation] = (deployment.Spec.Replicas ?? 1).ToString(CultureInfo.InvariantCulture),
                },
                OwnerReferences = [PodFromTemplate.OwnerReferenceTo(deployment, "Deployment", "apps/v1")],
            },
            Spec = new ReplicaSetSpec
            {
                Replicas = 0, // the rollout plan scales it, within the strategy's limits
                MinReadySeconds = deployment.Spec.MinReadySeconds,
                Selector = selector,
                Template = template,
            },
        };
    }

    private async Task ScaleAsync(Deployment deployment, ReplicaSet rs, int replicas, CancellationToken cancellationToken)
    {
        var from = rs.Spec.Replicas ?? 0;
        if (from == replicas)
        {
            return;
        }

        rs.Spec.Replicas = replicas;
        rs.Metadata.Annotations ??= [];
        rs.Metadata.Annotations[DesiredReplicasAnnotation] = (deployment.Spec.Replicas ?? 1).ToString(CultureInfo.InvariantCulture);
        await stores.ReplicaSets.UpdateAsync(rs, cancellationToken);
        var verb = replicas > from ? "up" : "down";
        await events.NormalAsync(deployment, "Deployment", "apps/v1", Component, "ScalingReplicaSet", $"Scaled {verb} replica set {rs.Metadata.Name} from {from} to {replicas}", cancellationToken);
    }

    private async Task MarkRevisionAsync(Deployment deployment, long revision, CancellationToken cancellationToken)
    {
        var text = revision.ToString(CultureInfo.InvariantCulture);
        if (deployment.Metadata.Annotations?.GetValueOrDefault(RevisionAnnotation) == text)
        {
            return;
        }

        deployment.Metadata.Annotations ??= [];
        deployment.Metadata.Annotations[RevisionAnnotation] = text;
        var updated = await stores.Deployments.UpdateAsync(deployment, cancellationToken);
        deployment.Metadata.ResourceVersion = updated.Metadata.ResourceVersion;
    }

    private async Task UpdateStatusAsync(Deployment deployment, ReplicaSet current, List<ReplicaSet> all, bool created, CancellationToken cancellationToken)
    {
        var desired = deployment.Spec.Replicas ?? 1;
        var now = clock.GetUtcNow();
        var status = deployment.Status ?? new DeploymentStatus();
        status.ObservedGeneration = deployment.Metadata.Generation;
        status.Replicas = all.Sum(rs => rs.Status?.Replicas ?? 0);
        status.UpdatedReplicas = current.Status?.Replicas ?? 0;
        status.ReadyReplicas = all.Sum(rs => rs.Status?.ReadyReplicas ?? 0);
        status.AvailableReplicas = all.Sum(rs => rs.Status?.AvailableReplicas ?? 0);
        status.UnavailableReplicas = Math.Max(0, all.Sum(rs => rs.Spec.Replicas ?? 0) - status.AvailableReplicas.Value);

        var minAvailable = desired - (deployment.Spec.Strategy?.Type == "Recreate" ? desired : MaxUnavailable(deployment));
        status.Conditions = status.AvailableReplicas >= minAvailable
            ? WorkloadConditions.Set(status.Conditions, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now)
            : WorkloadConditions.Set(status.Conditions, "Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now);
        var complete = status.UpdatedReplicas == desired && status.Replicas == desired && status.AvailableReplicas >= desired
            && current.Status?.ObservedGeneration >= current.Metadata.Generation;
        var (reason, message) = complete
            ? ("NewReplicaSetAvailable", $"ReplicaSet \"{current.Metadata.Name}\" has successfully progressed.")
            : created
                ? ("NewReplicaSetCreated", $"Created new replica set \"{current.Metadata.Name}\"")
                : ("ReplicaSetUpdated", $"ReplicaSet \"{current.Metadata.Name}\" is progressing.");
        status.Conditions = WorkloadConditions.Set(status.Conditions, "Progressing", "True", reason, message, now);
        deployment.Status = status;
        await stores.Deployments.UpdateStatusAsync(deployment, cancellationToken);
    }

    private static long Revision(ReplicaSet rs) =>
        long.TryParse(rs.Metadata.Annotations?.GetValueOrDefault(RevisionAnnotation), NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : 0;

    private static int MaxSurge(Deployment deployment) =>
        Resolve(deployment.Spec.Strategy?.RollingUpdate?.MaxSurge, deployment.Spec.Replicas ?? 1, roundUp: true, fallbackPercent: 25);

    private static int MaxUnavailable(Deployment deployment)
    {
        var unavailable = Resolve(deployment.Spec.Strategy?.RollingUpdate?.MaxUnavailable, deployment.Spec.Replicas ?? 1, roundUp: false, fallbackPercent: 25);

        // Both zero would never make progress; Kubernetes then allows one unavailable pod.
        return unavailable == 0 && MaxSurge(deployment) == 0 ? 1 : unavailable;
    }

    /// <summary>An absolute number or a percentage of the desired replicas (surge rounds up, unavailability down).</summary>
    private static int Resolve(IntOrString? value, int desired, bool roundUp, int fallbackPercent)
    {
        if (value?.Number is { } number)
        {
            return Math.Max(0, number);
        }

        var text = value?.Text?.TrimEnd('%');
        var percent = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : fallbackPercent;
        var exact = desired * percent / 100.0;
        return (int)(roundUp ? Math.Ceiling(exact) : Math.Floor(exact));
    }
}

using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.SimCluster.Core;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Batch;

/// <summary>batch/v1 jobs. As in Kubernetes, a job without manualSelector gets a selector on its own uid.</summary>
public sealed class JobKind : KubernetesKind<Job>
{
    public const string ControllerUidLabel = "batch.kubernetes.io/controller-uid";
    public const string JobNameLabel = "batch.kubernetes.io/job-name";

    public override string Group => BatchApiGroup.GroupName;

    public override string Kind => "Job";

    public override string Plural => "jobs";

    public override IReadOnlyList<string> Categories => AllCategory;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Status", DisplayStatus, description: "Running, Complete, Failed or Suspended."),
        Column("Completions", j => $"{j.Status?.Succeeded ?? 0}/{j.Spec.Completions ?? 1}", description: "Succeeded pods out of desired completions."),
        Column("Duration", Duration, description: "How long the job ran."),
        Column("Containers", j => PodTemplateRules.Containers(j.Spec.Template), priority: 1, description: "Containers of the pod template."),
        Column("Images", j => PodTemplateRules.Images(j.Spec.Template), priority: 1, description: "Images of the pod template."),
        Column("Selector", j => PodTemplateRules.Selector(j.Spec.Selector), priority: 1, description: "The job's pod selector."),
    ];

    private static string DisplayStatus(Job job)
    {
        var conditions = job.Status?.Conditions ?? [];
        foreach (var type in new[] { "Complete", "Failed", "Suspended" })
        {
            if (conditions.Any(c => c.Type == type && c.Status == "True"))
            {
                return type;
            }
        }

        return "Running";
    }

    private static string Duration(Job job)
    {
        if (job.Status?.StartTime is not { } start)
        {
            return "";
        }

        var end = job.Status.CompletionTime ?? DateTimeOffset.UtcNow;
        return Tke.ApiMachinery.Printing.HumanDuration.Format(end - start);
    }

    protected override void Default(Job obj)
    {
        var spec = obj.Spec;
        spec.Parallelism ??= 1;
        spec.Completions ??= 1;
        spec.BackoffLimit ??= 6;
        spec.CompletionMode ??= "NonIndexed";
        spec.Suspend ??= false;
        if (IsBeingCreated(obj) && spec.ManualSelector != true && spec.Selector is null && obj.Metadata.Uid is { } uid)
        {
            spec.Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { [ControllerUidLabel] = uid } };
            spec.Template.Metadata ??= new Tke.ApiMachinery.Objects.ObjectMeta();
            spec.Template.Metadata.Labels ??= [];
            spec.Template.Metadata.Labels[ControllerUidLabel] = uid;
            spec.Template.Metadata.Labels[JobNameLabel] = obj.Metadata.Name ?? "";
            spec.Template.Metadata.Labels["controller-uid"] = uid;
            spec.Template.Metadata.Labels["job-name"] = obj.Metadata.Name ?? "";
        }

        PodTemplateRules.ApplyDefaults(spec.Template);
    }

    protected override void Validate(Job obj, FieldErrorList errors)
    {
        PodTemplateRules.Validate(obj.Spec.Selector, obj.Spec.Template, errors);
        if (obj.Spec.Template.Spec?.RestartPolicy is { } policy && policy is not ("Never" or "OnFailure"))
        {
            errors.NotSupported("spec.template.spec.restartPolicy", policy, ["OnFailure", "Never"]);
        }
    }
}

using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.SimCluster.Core;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Batch;

[Description("Job represents the configuration of a single job.")]
public sealed class Job : ApiObject<JobSpec, JobStatus>
{
}

[Description("JobSpec describes how the job execution will look like.")]
public sealed class JobSpec : ExtensibleObject
{
    [JsonPropertyName("parallelism"), Description("The maximum desired number of pods the job should run at any given time. Defaults to 1.")]
    public int? Parallelism { get; set; }

    [JsonPropertyName("completions"), Description("The desired number of successfully finished pods the job should be run with. Defaults to 1.")]
    public int? Completions { get; set; }

    [JsonPropertyName("activeDeadlineSeconds"), Description("The duration in seconds relative to the startTime that the job may be continuously active before the system tries to terminate it.")]
    public long? ActiveDeadlineSeconds { get; set; }

    [JsonPropertyName("backoffLimit"), Description("The number of retries before marking this job failed. Defaults to 6.")]
    public int? BackoffLimit { get; set; }

    [JsonPropertyName("selector"), Description("A label query over pods that should match the pod count. Normally the system sets this field.")]
    public LabelSelector? Selector { get; set; }

    [JsonPropertyName("manualSelector"), Description("Controls generation of pod labels and pod selectors. Leave unset unless you are certain.")]
    public bool? ManualSelector { get; set; }

    [JsonPropertyName("template"), RequiredField, Description("Describes the pod that will be created when executing a job. restartPolicy must be Never or OnFailure.")]
    public PodTemplateSpec Template { get; set; } = new();

    [JsonPropertyName("ttlSecondsAfterFinished"), Description("Limits the lifetime of a Job that has finished execution.")]
    public int? TtlSecondsAfterFinished { get; set; }

    [JsonPropertyName("completionMode"), Description("NonIndexed (default) or Indexed.")]
    public string? CompletionMode { get; set; }

    [JsonPropertyName("suspend"), Description("Whether the Job controller should create Pods or not.")]
    public bool? Suspend { get; set; }
}

[Description("JobStatus represents the current state of a Job.")]
public sealed class JobStatus : ExtensibleObject
{
    [JsonPropertyName("conditions"), PatchMergeKey("type"), Description("The latest available observations of an object's current state: Complete, Failed, Suspended.")]
    public List<WorkloadCondition>? Conditions { get; set; }

    [JsonPropertyName("startTime"), Description("Represents time when the job controller started processing a job.")]
    public DateTimeOffset? StartTime { get; set; }

    [JsonPropertyName("completionTime"), Description("Represents time when the job was completed.")]
    public DateTimeOffset? CompletionTime { get; set; }

    [JsonPropertyName("active"), Description("The number of pending and running pods.")]
    public int? Active { get; set; }

    [JsonPropertyName("succeeded"), Description("The number of pods which reached phase Succeeded.")]
    public int? Succeeded { get; set; }

    [JsonPropertyName("failed"), Description("The number of pods which reached phase Failed.")]
    public int? Failed { get; set; }

    [JsonPropertyName("ready"), Description("The number of pods which have a Ready condition.")]
    public int? Ready { get; set; }
}

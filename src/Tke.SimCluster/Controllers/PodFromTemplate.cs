using System.Text.Json;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Objects;
using Tke.SimCluster.Core;

namespace Tke.SimCluster.Controllers;

/// <summary>Builds the pod a workload creates from its pod template, owned by the workload.</summary>
public static class PodFromTemplate
{
    public static Pod Create(PodTemplateSpec template, ApiObject owner, string ownerKind, string ownerApiVersion, string? name = null, string? generateName = null)
    {
        var spec = template.Spec is null ? new PodSpec() : Copy(template.Spec);
        return new Pod
        {
            Metadata = new ObjectMeta
            {
                Name = name,
                GenerateName = name is null ? generateName ?? owner.Metadata.Name + "-" : null,
                Namespace = owner.Metadata.Namespace,
                Labels = template.Metadata?.Labels is { } labels ? new Dictionary<string, string>(labels) : [],
                Annotations = template.Metadata?.Annotations is { } annotations ? new Dictionary<string, string>(annotations) : null,
                OwnerReferences = [OwnerReferenceTo(owner, ownerKind, ownerApiVersion)],
            },
            Spec = spec,
        };
    }

    public static OwnerReference OwnerReferenceTo(ApiObject owner, string kind, string apiVersion) => new()
    {
        ApiVersion = apiVersion,
        Kind = kind,
        Name = owner.Metadata.Name ?? "",
        Uid = owner.Metadata.Uid ?? "",
        Controller = true,
        BlockOwnerDeletion = true,
    };

    /// <summary>A deep copy through JSON, which also carries the fields the types keep untyped.</summary>
    public static T Copy<T>(T value) =>
        JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, ApiJson.Options), ApiJson.Options)!;

    /// <summary>Pods that count towards a workload's replicas: neither finished nor being deleted.</summary>
    public static bool IsActive(Pod pod) =>
        pod.Metadata.DeletionTimestamp is null && pod.Status?.Phase is not ("Succeeded" or "Failed");

    /// <summary>Pods the workload controls: in its namespace, with a controller reference to its uid.</summary>
    public static bool IsControlledBy(Pod pod, ApiObject owner) =>
        pod.Metadata.OwnerReferences?.Any(r => r.Controller == true && r.Uid == owner.Metadata.Uid) == true;
}

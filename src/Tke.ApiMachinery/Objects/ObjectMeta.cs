using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Tke.ApiMachinery.Objects;

/// <summary>Kubernetes' metav1.ObjectMeta, with its JSON field names.</summary>
[Description("Standard object metadata.")]
public sealed class ObjectMeta
{
    [JsonPropertyName("name"), Description("Name must be unique within a namespace (or the cluster, for cluster-scoped kinds).")]
    public string? Name { get; set; }

    [JsonPropertyName("generateName"), Description("Prefix the server uses to generate a unique name when name is empty.")]
    public string? GenerateName { get; set; }

    [JsonPropertyName("namespace"), Description("Namespace of a namespaced object.")]
    public string? Namespace { get; set; }

    [JsonPropertyName("selfLink"), Description("Deprecated; not set by the server.")]
    public string? SelfLink { get; set; }

    [JsonPropertyName("uid"), Description("Unique identifier set by the server at creation.")]
    public string? Uid { get; set; }

    [JsonPropertyName("resourceVersion"), Description("Opaque version of this object, used for optimistic concurrency and watches.")]
    public string? ResourceVersion { get; set; }

    [JsonPropertyName("generation"), Description("Sequence number of the desired state (spec) generation.")]
    public long? Generation { get; set; }

    [JsonPropertyName("creationTimestamp"), Description("Time the object was created (RFC 3339).")]
    public DateTimeOffset? CreationTimestamp { get; set; }

    [JsonPropertyName("deletionTimestamp"), Description("Time after which the object will be deleted, set when deletion is requested.")]
    public DateTimeOffset? DeletionTimestamp { get; set; }

    [JsonPropertyName("deletionGracePeriodSeconds"), Description("Seconds allowed for graceful termination.")]
    public long? DeletionGracePeriodSeconds { get; set; }

    [JsonPropertyName("labels"), Description("Map of string keys and values used to organise and select objects.")]
    public Dictionary<string, string>? Labels { get; set; }

    [JsonPropertyName("annotations"), Description("Unstructured key-value map for arbitrary metadata.")]
    public Dictionary<string, string>? Annotations { get; set; }

    [JsonPropertyName("ownerReferences"), Description("Objects this object depends on."), PatchMergeKey("uid")]
    public List<OwnerReference>? OwnerReferences { get; set; }

    [JsonPropertyName("finalizers"), Description("Entries that must be removed before the object is deleted."), ListType(ListKind.Set)]
    public List<string>? Finalizers { get; set; }

    [JsonPropertyName("managedFields"), Description("Field management records (not maintained by this server).")]
    public List<System.Text.Json.Nodes.JsonObject>? ManagedFields { get; set; }
}

[Description("A reference to an owning object.")]
public sealed class OwnerReference
{
    [JsonPropertyName("apiVersion"), Description("API version of the referent.")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind"), Description("Kind of the referent.")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("name"), Description("Name of the referent.")]
    public string Name { get; set; } = "";

    [JsonPropertyName("uid"), Description("UID of the referent.")]
    public string Uid { get; set; } = "";

    [JsonPropertyName("controller"), Description("True if the referent is the managing controller.")]
    public bool? Controller { get; set; }

    [JsonPropertyName("blockOwnerDeletion"), Description("If true, the owner cannot be deleted until this reference is removed.")]
    public bool? BlockOwnerDeletion { get; set; }
}

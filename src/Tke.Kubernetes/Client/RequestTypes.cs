using System.Text.Json.Nodes;

namespace Tke.Kubernetes.Client;

/// <summary>Query parameters of a list request.</summary>
public sealed record ListOptions
{
    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    /// <summary>Page size; the answer's <see cref="ResourceList.Continue"/> fetches the next page.</summary>
    public int? Limit { get; init; }

    public string? Continue { get; init; }

    /// <summary>"0" lets the server answer from its cache; null asks for the latest state.</summary>
    public string? ResourceVersion { get; init; }
}

/// <summary>One page (or, from ListAllAsync, all pages) of a list.</summary>
public sealed record ResourceList(IReadOnlyList<JsonObject> Items, string? ResourceVersion, string? Continue, long? RemainingItemCount);

/// <summary>Which patch format the body is in.</summary>
public enum PatchType
{
    /// <summary>application/merge-patch+json (RFC 7386).</summary>
    Merge,

    /// <summary>application/json-patch+json (RFC 6902).</summary>
    Json,

    /// <summary>application/strategic-merge-patch+json (Kubernetes' list-aware merge).</summary>
    StrategicMerge,
}

/// <summary>What happens to dependents of a deleted object.</summary>
public enum PropagationPolicy
{
    Orphan,
    Background,
    Foreground,
}

/// <summary>Options of a delete (metav1.DeleteOptions).</summary>
public sealed record DeleteOptions
{
    public PropagationPolicy? PropagationPolicy { get; init; }

    public long? GracePeriodSeconds { get; init; }

    /// <summary>Delete only if the object still has this resourceVersion.</summary>
    public string? PreconditionResourceVersion { get; init; }
}

/// <summary>Query parameters of a watch request.</summary>
public sealed record WatchOptions
{
    /// <summary>Events after this version; null starts with synthetic ADDED events for every existing object.</summary>
    public string? ResourceVersion { get; init; }

    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    /// <summary>Asks the server to end the stream after this long; the client gives up a while after that too.</summary>
    public TimeSpan? Timeout { get; init; }

    public bool AllowBookmarks { get; init; } = true;
}

/// <summary>The type of a watch event. ERROR events are thrown as <see cref="KubernetesApiException"/>.</summary>
public enum WatchEventType
{
    Added,
    Modified,
    Deleted,

    /// <summary>Carries only metadata.resourceVersion: where to resume.</summary>
    Bookmark,
}

/// <summary>One event of a watch stream.</summary>
public sealed record WatchEvent(WatchEventType Type, JsonObject Object)
{
    public string? ResourceVersion => (string?)Object["metadata"]?["resourceVersion"];
}

using System.Text.Json.Nodes;

namespace Tke.Kubernetes.Watching;

public enum ResourceChangeType
{
    Added,
    Modified,
    Deleted,

    /// <summary>A (re)list has been folded in: the watcher's store now mirrors the server. Carries no object.</summary>
    Synced,
}

/// <summary>A change the <see cref="ResourceWatcher"/> reports; <see cref="Object"/> is null only for <see cref="ResourceChangeType.Synced"/>.</summary>
public sealed record ResourceChange(ResourceChangeType Type, JsonObject? Object);

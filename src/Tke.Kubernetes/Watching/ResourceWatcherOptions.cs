namespace Tke.Kubernetes.Watching;

public sealed record ResourceWatcherOptions
{
    /// <summary>Null: cluster-scoped resources, or every namespace.</summary>
    public string? Namespace { get; init; }

    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    /// <summary>Page size of (re)lists.</summary>
    public int? PageSize { get; init; }

    /// <summary>Each watch asks the server to end after this (plus up to as much again, so many watchers do not reconnect together).</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>First wait after a failure; doubles up to <see cref="MaxRetryDelay"/> and resets once events flow again.</summary>
    public TimeSpan MinRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);
}

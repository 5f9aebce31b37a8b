namespace Tke.Platform.Clusters;

/// <summary>Settings of cluster import checks and the health controller; `tke serve` exposes the probe interval.</summary>
public sealed record ClusterHealthOptions
{
    /// <summary>Time between probes of a healthy cluster.</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A whole probe (version and node list) of one cluster; a dead cluster costs at most this.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The connection check an import waits for before it is accepted or refused.</summary>
    public TimeSpan ImportTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Consecutive failed probes after which a cluster is Failed; fewer only mark its HealthCheck condition.</summary>
    public int FailureThreshold { get; init; } = 3;

    /// <summary>Probes in flight at once across all clusters.</summary>
    public int MaxConcurrentProbes { get; init; } = 32;

    /// <summary>Upper bound of the backoff between probes of a failing cluster; null means eight probe intervals,
    /// so a cluster that comes back is noticed within a bounded time.</summary>
    public TimeSpan? MaxBackoff { get; init; }

    public TimeSpan EffectiveMaxBackoff => MaxBackoff ?? ProbeInterval * 8;
}

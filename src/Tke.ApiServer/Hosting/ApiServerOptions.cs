namespace Tke.ApiServer.Hosting;

/// <summary>Settings of `tke serve`.</summary>
public sealed record ApiServerOptions
{
    public string DataDir { get; init; } = "tke-data";

    public string ListenHost { get; init; } = "127.0.0.1";

    /// <summary>0 picks a free port (tests).</summary>
    public int ListenPort { get; init; } = 9443;

    public string? TlsCertFile { get; init; }

    public string? TlsKeyFile { get; init; }

    /// <summary>How often history older than one interval is compacted; zero disables compaction.</summary>
    public TimeSpan CompactionInterval { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Extra DNS names or IPs for the generated serving certificate.</summary>
    public IReadOnlyList<string> ExtraSans { get; init; } = [];

    /// <summary>/version's platform field; null reports the host's OS and architecture. A simulated
    /// cluster says so here, where clients that identify clusters look.</summary>
    public string? PlatformLabel { get; init; }
}

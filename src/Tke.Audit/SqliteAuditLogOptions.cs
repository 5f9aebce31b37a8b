namespace Tke.Audit;

/// <summary>Retention of <see cref="SqliteAuditLog"/>. Either limit may be null to switch it off.</summary>
public sealed record SqliteAuditLogOptions
{
    /// <summary>Records received longer ago than this are deleted.</summary>
    public TimeSpan? MaxAge { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Only the newest this many records are kept.</summary>
    public long? MaxRecords { get; init; } = 1_000_000;

    /// <summary>How often writes also prune; pruning every batch would rescan for nothing.</summary>
    public TimeSpan PruneInterval { get; init; } = TimeSpan.FromMinutes(10);

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

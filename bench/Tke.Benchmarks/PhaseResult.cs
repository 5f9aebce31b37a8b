namespace Tke.Benchmarks;

/// <summary>What one phase measured, as one row of the report.</summary>
public sealed record PhaseResult(
    string Phase,
    long Ops,
    double OpsPerSecond,
    LatencySummary Latency,
    string Target,
    bool? Passed,
    PhaseUsage? Usage,
    string Connections,
    IReadOnlyList<string> Notes)
{
    /// <summary>Mean time in the server's request handler, from its /metrics, for the phase's requests.</summary>
    public double? ServerHandlerMeanMs { get; init; }
}

using System.Diagnostics;

namespace Tke.Benchmarks;

/// <summary>
/// Latencies in Stopwatch ticks, recorded by one worker without locking; workers' recorders
/// are merged once the phase is over.
/// </summary>
public sealed class LatencyRecorder(int capacity = 4096)
{
    private long[] _ticks = new long[Math.Max(16, capacity)];

    public int Count { get; private set; }

    public void Record(long elapsedTicks)
    {
        if (Count == _ticks.Length)
        {
            Array.Resize(ref _ticks, _ticks.Length * 2);
        }

        _ticks[Count++] = elapsedTicks;
    }

    public static LatencySummary Summarize(IEnumerable<LatencyRecorder> recorders)
    {
        var all = new long[recorders.Sum(r => r.Count)];
        var at = 0;
        foreach (var r in recorders)
        {
            r._ticks.AsSpan(0, r.Count).CopyTo(all.AsSpan(at));
            at += r.Count;
        }

        if (all.Length == 0)
        {
            return LatencySummary.Empty;
        }

        Array.Sort(all);
        return new LatencySummary(all.Length, Milliseconds(Rank(all, 0.50)), Milliseconds(Rank(all, 0.99)), Milliseconds(all[^1]));
    }

    /// <summary>Nearest-rank percentile: the smallest sample with at least p of the samples at or below it.</summary>
    private static long Rank(long[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

public readonly record struct LatencySummary(int Count, double P50Ms, double P99Ms, double MaxMs)
{
    public static LatencySummary Empty { get; } = new(0, double.NaN, double.NaN, double.NaN);
}

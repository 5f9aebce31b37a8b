namespace Tke.Platform.Clusters;

/// <summary>When to probe a cluster next: one interval after a success, then doubling with each
/// consecutive failure up to a cap, so dead clusters cost little but are still rechecked.</summary>
public static class ProbeBackoff
{
    public static TimeSpan DelayAfter(int consecutiveFailures, TimeSpan interval, TimeSpan maxBackoff)
    {
        if (consecutiveFailures <= 0)
        {
            return interval;
        }

        var cap = maxBackoff < interval ? interval : maxBackoff;
        // Doubling past 2^20 intervals only overflows; the cap has long been reached.
        var factor = Math.Pow(2, Math.Min(consecutiveFailures - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(interval.Ticks * factor, cap.Ticks));
        return delay;
    }
}

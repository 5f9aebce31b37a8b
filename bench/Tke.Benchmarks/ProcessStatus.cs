using System.Globalization;

namespace Tke.Benchmarks;

/// <summary>
/// One reading of a Linux process's /proc entries: resident memory now and at its peak
/// (VmRSS, VmHWM), thread count, and CPU time consumed so far.
/// </summary>
public readonly record struct ProcessStatus(long RssBytes, long PeakRssBytes, int Threads, TimeSpan CpuTime)
{
    /// <summary>/proc reports CPU times in USER_HZ ticks, which Linux fixes at 100 per second.</summary>
    public const double ClockTicksPerSecond = 100;

    public static ProcessStatus? Read(int pid)
    {
        try
        {
            long rss = 0, hwm = 0;
            var threads = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kilobytes(line) * 1024;
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = Kilobytes(line) * 1024;
                }
                else if (line.StartsWith("Threads:", StringComparison.Ordinal))
                {
                    threads = int.Parse(line.AsSpan("Threads:".Length).Trim(), CultureInfo.InvariantCulture);
                }
            }

            return new ProcessStatus(rss, hwm, threads, ReadCpuTime(pid));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>utime + stime, fields 14 and 15 of /proc/PID/stat; counted after the ")" that ends
    /// the command name, since the name itself may contain spaces.</summary>
    public static TimeSpan ReadCpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / ClockTicksPerSecond);
    }

    private static long Kilobytes(string line)
    {
        var value = line.AsSpan(line.IndexOf(':') + 1).Trim();
        return long.Parse(value[..value.IndexOf(' ')], CultureInfo.InvariantCulture);
    }
}

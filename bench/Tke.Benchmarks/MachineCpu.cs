using System.Globalization;

namespace Tke.Benchmarks;

/// <summary>Busy CPU time of the whole machine (all cores), from the first line of /proc/stat.</summary>
public static class MachineCpu
{
    public static TimeSpan ReadBusyTime()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            var fields = reader.ReadLine()!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // cpu user nice system idle iowait irq softirq steal ...: busy is all but idle and iowait.
            long busy = 0;
            for (var i = 1; i <= 8 && i < fields.Length; i++)
            {
                if (i is not (4 or 5))
                {
                    busy += long.Parse(fields[i], CultureInfo.InvariantCulture);
                }
            }

            return TimeSpan.FromSeconds(busy / ProcessStatus.ClockTicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return TimeSpan.Zero;
        }
    }
}

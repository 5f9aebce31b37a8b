using System.Diagnostics;
using System.Globalization;

namespace Tke.Benchmarks;

/// <summary>Progress lines on stderr, so stdout carries only the final report.</summary>
public static class Progress
{
    private static readonly long Started = Stopwatch.GetTimestamp();

    public static void Report(string message)
    {
        var elapsed = Stopwatch.GetElapsedTime(Started).TotalSeconds;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{elapsed,7:F1}s] {message}"));
    }
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace Tke.Cli.Client;

/// <summary>The AGE column: time since metadata.creationTimestamp, in kubectl's short form (45s, 12m, 3h5m, 4d, 2y).</summary>
public static class ObjectAge
{
    public static string Of(JsonObject item, DateTimeOffset now) =>
        (string?)item["metadata"]?["creationTimestamp"] is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created)
            ? Format(now - created)
            : "<unknown>";

    public static string Format(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        return age switch
        {
            { TotalMinutes: < 2 } => $"{(int)age.TotalSeconds}s",
            { TotalMinutes: < 10 } => age.Seconds == 0 ? $"{(int)age.TotalMinutes}m" : $"{(int)age.TotalMinutes}m{age.Seconds}s",
            { TotalHours: < 3 } => $"{(int)age.TotalMinutes}m",
            { TotalHours: < 8 } => age.Minutes == 0 ? $"{(int)age.TotalHours}h" : $"{(int)age.TotalHours}h{age.Minutes}m",
            { TotalDays: < 2 } => $"{(int)age.TotalHours}h",
            { TotalDays: < 8 } => age.Hours == 0 ? $"{(int)age.TotalDays}d" : $"{(int)age.TotalDays}d{age.Hours}h",
            { TotalDays: < 730 } => $"{(int)age.TotalDays}d",
            _ => $"{(int)(age.TotalDays / 365)}y",
        };
    }
}

using System.Globalization;
using System.Text;

namespace Tke.Auth.Apis.ApiKeys;

/// <summary>Go's time.Duration text form ("168h", "1h30m", "90m", "1.5h"), as metav1.Duration carries it.</summary>
public static class GoDuration
{
    private static readonly (string Unit, double Ticks)[] Units =
    [
        ("ns", TimeSpan.TicksPerMillisecond / 1_000_000.0),
        ("us", TimeSpan.TicksPerMillisecond / 1000.0),
        ("µs", TimeSpan.TicksPerMillisecond / 1000.0),
        ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond),
        ("m", TimeSpan.TicksPerMinute),
        ("h", TimeSpan.TicksPerHour),
    ];

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"invalid duration \"{text}\"");

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var s = text.AsSpan().Trim();
        var negative = s.StartsWith("-");
        if (negative || s.StartsWith("+"))
        {
            s = s[1..];
        }

        if (s.SequenceEqual("0"))
        {
            return true;
        }

        if (s.IsEmpty)
        {
            return false;
        }

        double ticks = 0;
        while (!s.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < s.Length && (char.IsAsciiDigit(s[numberLength]) || s[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0 || !double.TryParse(s[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            s = s[numberLength..];
            var unit = LongestUnitAt(s);
            if (unit.Unit is null)
            {
                return false;
            }

            ticks += number * unit.Ticks;
            s = s[unit.Unit.Length..];
        }

        value = TimeSpan.FromTicks((long)Math.Round(negative ? -ticks : ticks));
        return true;
    }

    private static (string Unit, double Ticks) LongestUnitAt(ReadOnlySpan<char> text)
    {
        (string Unit, double Ticks) best = default;
        foreach (var unit in Units)
        {
            if (text.StartsWith(unit.Unit) && unit.Unit.Length > (best.Unit?.Length ?? 0))
            {
                best = unit;
            }
        }

        return best;
    }

    /// <summary>Formats like Go: "1h30m0s", "45m0s", "0s".</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new StringBuilder();
        if (value < TimeSpan.Zero)
        {
            text.Append('-');
            value = value.Negate();
        }

        var hours = (long)value.TotalHours;
        if (hours > 0)
        {
            text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (hours > 0 || value.Minutes > 0)
        {
            text.Append(value.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        var seconds = value.Seconds + (value.Ticks % TimeSpan.TicksPerSecond) / (double)TimeSpan.TicksPerSecond;
        text.Append(seconds.ToString("0.#########", CultureInfo.InvariantCulture)).Append('s');
        return text.ToString();
    }
}

using System.Globalization;
using System.Text;

namespace Tke.ApiMachinery.Protobuf;

/// <summary>Go's time.Duration.String(), the JSON form of metav1.Duration.</summary>
public static class GoDuration
{
    public static string Format(long nanoseconds)
    {
        if (nanoseconds == 0)
        {
            return "0s";
        }

        var sign = nanoseconds < 0 ? "-" : "";
        var u = nanoseconds < 0 ? (ulong)(-(nanoseconds + 1)) + 1 : (ulong)nanoseconds;
        if (u < 1_000)
        {
            return sign + u.ToString(CultureInfo.InvariantCulture) + "ns";
        }

        if (u < 1_000_000)
        {
            return sign + Fraction(u, 3) + "µs";
        }

        if (u < 1_000_000_000)
        {
            return sign + Fraction(u, 6) + "ms";
        }

        var text = new StringBuilder(sign);
        var seconds = u / 1_000_000_000;
        var hours = seconds / 3600;
        var minutes = seconds / 60 % 60;
        if (hours > 0)
        {
            text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (hours > 0 || minutes > 0)
        {
            text.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        return text.Append(Fraction(u % 60_000_000_000, 9)).Append('s').ToString();
    }

    /// <summary>value / 10^digits with the fraction's trailing zeros (and a bare point) removed.</summary>
    private static string Fraction(ulong value, int digits)
    {
        var scale = (ulong)Math.Pow(10, digits);
        var whole = (value / scale).ToString(CultureInfo.InvariantCulture);
        var fraction = (value % scale).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
        return fraction.Length == 0 ? whole : whole + "." + fraction;
    }
}

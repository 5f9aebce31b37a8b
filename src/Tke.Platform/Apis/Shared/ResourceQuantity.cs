using System.Globalization;
using System.Text.RegularExpressions;

namespace Tke.Platform.Apis.Shared;

/// <summary>
/// Parses Kubernetes quantities ("500m", "2", "1.5Gi", "1e3") into base units so that quotas
/// can be compared. Amounts too large for decimal saturate, which keeps comparisons sound.
/// </summary>
public static partial class ResourceQuantity
{
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var match = QuantityPattern().Match(text);
        if (!match.Success || !decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var suffix = match.Groups["suffix"].Value;
        if (!TryMultiplier(suffix, out var multiplier))
        {
            return false;
        }

        try
        {
            value = number * multiplier;
        }
        catch (OverflowException)
        {
            value = number < 0 ? decimal.MinValue : decimal.MaxValue;
        }

        return true;
    }

    private static bool TryMultiplier(string suffix, out decimal multiplier)
    {
        multiplier = suffix switch
        {
            "" => 1m,
            "n" => 0.000000001m,
            "u" => 0.000001m,
            "m" => 0.001m,
            "k" => 1_000m,
            "M" => 1_000_000m,
            "G" => 1_000_000_000m,
            "T" => 1_000_000_000_000m,
            "P" => 1_000_000_000_000_000m,
            "E" => 1_000_000_000_000_000_000m,
            "Ki" => 1024m,
            "Mi" => 1024m * 1024,
            "Gi" => 1024m * 1024 * 1024,
            "Ti" => 1024m * 1024 * 1024 * 1024,
            "Pi" => 1024m * 1024 * 1024 * 1024 * 1024,
            "Ei" => 1024m * 1024 * 1024 * 1024 * 1024 * 1024,
            _ => 0m,
        };
        if (multiplier != 0m)
        {
            return true;
        }

        // Decimal exponent form: e3, E-2.
        if (suffix.Length > 1 && (suffix[0] == 'e' || suffix[0] == 'E')
            && int.TryParse(suffix.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent)
            && exponent is >= -28 and <= 28)
        {
            multiplier = 1m;
            for (var i = 0; i < Math.Abs(exponent); i++)
            {
                multiplier = exponent > 0 ? multiplier * 10 : multiplier / 10;
            }

            return true;
        }

        return false;
    }

    [GeneratedRegex(@"^(?<number>[+-]?(\d+(\.\d*)?|\.\d+))(?<suffix>[a-zA-Z]*[+-]?\d*)$")]
    private static partial Regex QuantityPattern();
}

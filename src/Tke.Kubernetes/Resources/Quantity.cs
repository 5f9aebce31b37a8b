using System.Globalization;

namespace Tke.Kubernetes.Resources;

/// <summary>How a quantity was written, which decides how it is written back.</summary>
public enum QuantityFormat
{
    /// <summary>Powers of 1000 (m, k, M, G ...) or no suffix.</summary>
    DecimalSI,

    /// <summary>Powers of 1024 (Ki, Mi, Gi ...).</summary>
    BinarySI,

    /// <summary>Scientific notation (1e3).</summary>
    DecimalExponent,
}

/// <summary>
/// A Kubernetes resource quantity ("100m", "1.5Gi", "2e3", "128974848"), held exactly as a decimal
/// of base units (cores, bytes ...). Values finer than 1n are rounded up to it, as Kubernetes does.
/// </summary>
public readonly struct Quantity : IEquatable<Quantity>, IComparable<Quantity>
{
    private static readonly (string Suffix, decimal Factor)[] DecimalSuffixes =
    [
        ("n", 0.000000001m), ("u", 0.000001m), ("m", 0.001m), ("", 1m), ("k", 1e3m), ("M", 1e6m), ("G", 1e9m), ("T", 1e12m), ("P", 1e15m), ("E", 1e18m),
    ];

    private static readonly (string Suffix, decimal Factor)[] BinarySuffixes =
    [
        ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024), ("Pi", 1024m * 1024 * 1024 * 1024 * 1024), ("Ei", 1024m * 1024 * 1024 * 1024 * 1024 * 1024),
    ];

    public Quantity(decimal value, QuantityFormat format = QuantityFormat.DecimalSI)
    {
        Value = RoundUpToNano(value);
        Format = format;
    }

    public static Quantity Zero => default;

    /// <summary>The exact amount in base units.</summary>
    public decimal Value { get; }

    public QuantityFormat Format { get; }

    /// <summary>The amount in thousandths, rounded up (CPU in millicores).</summary>
    public long MilliValue => (long)decimal.Ceiling(Value * 1000);

    /// <summary>The amount rounded up to a whole unit, as Kubernetes' Value() does.</summary>
    public long IntegerValue => (long)decimal.Ceiling(Value);

    public static Quantity Parse(string text) =>
        TryParse(text, out var q, out var error) ? q : throw new FormatException($"\"{text}\" is not a quantity: {error}");

    public static bool TryParse(string? text, out Quantity quantity) => TryParse(text, out quantity, out _);

    public static Quantity Sum(IEnumerable<Quantity> quantities)
    {
        var total = Zero;
        foreach (var q in quantities)
        {
            total += q;
        }

        return total;
    }

    public static Quantity operator +(Quantity a, Quantity b) => new(a.Value + b.Value, a.Value == 0 ? b.Format : a.Format);

    public static Quantity operator -(Quantity a, Quantity b) => new(a.Value - b.Value, a.Value == 0 ? b.Format : a.Format);

    public static bool operator ==(Quantity a, Quantity b) => a.Equals(b);

    public static bool operator !=(Quantity a, Quantity b) => !a.Equals(b);

    public static bool operator <(Quantity a, Quantity b) => a.Value < b.Value;

    public static bool operator >(Quantity a, Quantity b) => a.Value > b.Value;

    public static bool operator <=(Quantity a, Quantity b) => a.Value <= b.Value;

    public static bool operator >=(Quantity a, Quantity b) => a.Value >= b.Value;

    /// <summary>Equal amounts are equal whatever their format ("1Ki" == "1024").</summary>
    public bool Equals(Quantity other) => Value == other.Value;

    public override bool Equals(object? obj) => obj is Quantity q && Equals(q);

    public override int GetHashCode() => Value.GetHashCode();

    public int CompareTo(Quantity other) => Value.CompareTo(other.Value);

    /// <summary>The canonical form Kubernetes writes: the largest suffix with a whole-number mantissa.</summary>
    public override string ToString()
    {
        if (Value == 0)
        {
            return "0";
        }

        if (Format == QuantityFormat.BinarySI && decimal.Truncate(Value) == Value && Math.Abs(Value) >= 1024)
        {
            for (var i = BinarySuffixes.Length - 1; i >= 0; i--)
            {
                var mantissa = Value / BinarySuffixes[i].Factor;
                if (decimal.Truncate(mantissa) == mantissa)
                {
                    return Number(mantissa) + BinarySuffixes[i].Suffix;
                }
            }
        }

        // Whole-number mantissa with the largest power of 1000 (n at the least, which always works after rounding).
        for (var i = DecimalSuffixes.Length - 1; i >= 0; i--)
        {
            var mantissa = Value / DecimalSuffixes[i].Factor;
            if (decimal.Truncate(mantissa) == mantissa)
            {
                if (Format == QuantityFormat.DecimalExponent)
                {
                    var exponent = (i - 3) * 3;
                    return exponent == 0 ? Number(mantissa) : Number(mantissa) + "e" + exponent.ToString(CultureInfo.InvariantCulture);
                }

                return Number(mantissa) + DecimalSuffixes[i].Suffix;
            }
        }

        return Number(Value);
    }

    private static string Number(decimal d) => d.ToString("0.############################", CultureInfo.InvariantCulture);

    private static bool TryParse(string? text, out Quantity quantity, out string error)
    {
        quantity = default;
        if (string.IsNullOrEmpty(text))
        {
            error = "empty";
            return false;
        }

        var end = 0;
        if (text[0] is '+' or '-')
        {
            end = 1;
        }

        var digits = 0;
        var dots = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
        {
            if (text[end] == '.')
            {
                dots++;
            }
            else
            {
                digits++;
            }

            end++;
        }

        if (digits == 0 || dots > 1)
        {
            error = "it must start with a number";
            return false;
        }

        if (!decimal.TryParse(text.AsSpan(0, end), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            error = "the number is out of range";
            return false;
        }

        var suffix = text[end..];
        if (!TryScale(suffix, out var factor, out var format, out error))
        {
            return false;
        }

        try
        {
            quantity = new Quantity(number * factor, format);
        }
        catch (OverflowException)
        {
            error = "out of range";
            return false;
        }

        return true;
    }

    private static bool TryScale(string suffix, out decimal factor, out QuantityFormat format, out string error)
    {
        error = "";
        foreach (var (s, f) in DecimalSuffixes)
        {
            if (s == suffix)
            {
                (factor, format) = (f, QuantityFormat.DecimalSI);
                return true;
            }
        }

        foreach (var (s, f) in BinarySuffixes)
        {
            if (s == suffix)
            {
                (factor, format) = (f, QuantityFormat.BinarySI);
                return true;
            }
        }

        (factor, format) = (0, QuantityFormat.DecimalExponent);
        if (suffix.Length > 1 && suffix[0] is 'e' or 'E'
            && int.TryParse(suffix.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent))
        {
            // decimal holds 28 significant digits; Kubernetes itself caps quantities far below 10^28.
            if (exponent is < -27 or > 27)
            {
                error = "the exponent is out of range";
                return false;
            }

            factor = exponent >= 0 ? Pow10(exponent) : 1m / Pow10(-exponent);
            return true;
        }

        error = $"unknown suffix \"{suffix}\"";
        return false;
    }

    private static decimal Pow10(int n)
    {
        var result = 1m;
        for (var i = 0; i < n; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static decimal RoundUpToNano(decimal value)
    {
        if (Math.Abs(value) > 1e18m)
        {
            // Beyond this, 28 significant digits leave no room for a nano fraction anyway.
            return value;
        }

        var scaled = value * 1_000_000_000m;
        return decimal.Truncate(scaled) == scaled ? value : decimal.Ceiling(scaled) / 1_000_000_000m;
    }
}

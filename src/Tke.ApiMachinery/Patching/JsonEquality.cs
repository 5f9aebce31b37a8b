using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tke.ApiMachinery.Patching;

/// <summary>
/// Structural JSON equality: numbers compare by value (1 equals 1.0), objects ignore member order.
/// Used for the JSON Patch "test" operation, merge keys and set membership.
/// </summary>
internal static class JsonEquality
{
    public static bool Equal(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        switch (a)
        {
            case JsonObject ao:
                if (b is not JsonObject bo || ao.Count != bo.Count)
                {
                    return false;
                }

                foreach (var (key, value) in ao)
                {
                    if (!bo.TryGetPropertyValue(key, out var other) || !Equal(value, other))
                    {
                        return false;
                    }
                }

                return true;
            case JsonArray aa:
                if (b is not JsonArray ba || aa.Count != ba.Count)
                {
                    return false;
                }

                for (var i = 0; i < aa.Count; i++)
                {
                    if (!Equal(aa[i], ba[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return b is JsonValue bv && ValuesEqual((JsonValue)a, bv);
        }
    }

    private static bool ValuesEqual(JsonValue a, JsonValue b)
    {
        var kind = a.GetValueKind();
        if (kind != b.GetValueKind())
        {
            return false;
        }

        return kind switch
        {
            JsonValueKind.String => a.GetValue<string>() == b.GetValue<string>(),
            JsonValueKind.Number => NumbersEqual(a, b),
            _ => true, // true, false and null carry no further value
        };
    }

    private static bool NumbersEqual(JsonValue a, JsonValue b)
    {
        if (TryDecimal(a, out var da) && TryDecimal(b, out var db))
        {
            return da == db;
        }

        return ToDouble(a) == ToDouble(b);
    }

    private static bool TryDecimal(JsonValue value, out decimal result)
    {
        if (value.TryGetValue(out JsonElement element))
        {
            return element.TryGetDecimal(out result);
        }

        return decimal.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out result);
    }

    private static double ToDouble(JsonValue value) =>
        double.Parse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
}

using System.Globalization;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;

namespace Tke.SimCluster.Streaming.Http;

/// <summary>Reads the query parameters of the streaming subresources as Kubernetes' parameter
/// codec does; a value it cannot convert is a 400.</summary>
public static class QueryParameters
{
    /// <summary>Go's strconv.ParseBool spellings; absent is false.</summary>
    public static bool Bool(IQueryCollection query, string name)
    {
        var text = query[name].LastOrDefault();
        return text switch
        {
            null => false,
            "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
            "0" or "f" or "F" or "false" or "FALSE" or "False" or "" => false,
            _ => throw StatusError.BadRequest($"invalid value \"{text}\" for query parameter {name}: must be true or false"),
        };
    }

    public static long? Long(IQueryCollection query, string name)
    {
        var text = query[name].LastOrDefault();
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw StatusError.BadRequest($"invalid value \"{text}\" for query parameter {name}: must be an integer");
    }

    public static string? String(IQueryCollection query, string name) => query[name].LastOrDefault() is { Length: > 0 } value ? value : null;
}

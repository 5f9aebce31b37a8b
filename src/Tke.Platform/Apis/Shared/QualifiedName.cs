using System.Text.RegularExpressions;

namespace Tke.Platform.Apis.Shared;

/// <summary>Kubernetes name formats used by rules the schema cannot express.</summary>
public static partial class QualifiedName
{
    /// <summary>An optional DNS-subdomain prefix and '/' followed by a name of at most 63 characters, e.g. "requests.cpu" or "tencent.com/vcuda-core".</summary>
    public static bool IsValid(string value)
    {
        var slash = value.LastIndexOf('/');
        var name = slash < 0 ? value : value[(slash + 1)..];
        if (slash >= 0 && !IsDnsSubdomain(value[..slash]))
        {
            return false;
        }

        return name.Length is > 0 and <= 63 && NamePattern().IsMatch(name);
    }

    /// <summary>RFC 1123 label: lower-case alphanumerics and '-', at most 63 characters.</summary>
    public static bool IsDnsLabel(string value) => value.Length is > 0 and <= 63 && DnsLabelPattern().IsMatch(value);

    public static bool IsDnsSubdomain(string value) =>
        value.Length is > 0 and <= 253 && value.Split('.').All(IsDnsLabel);

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabelPattern();
}

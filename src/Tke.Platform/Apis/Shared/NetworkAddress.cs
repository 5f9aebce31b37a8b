using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Tke.Platform.Apis.Shared;

/// <summary>
/// Strict IP and CIDR parsing. IPAddress.TryParse alone accepts shorthand such as "1" or
/// "10.1", which is never what a user means by a machine address.
/// </summary>
public static partial class NetworkAddress
{
    public static bool IsIp(string? value) => TryParseIp(value, out _);

    public static bool IsPort(int port) => port is >= 1 and <= 65535;

    public static bool TryParseIp(string? value, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (value.Contains(':'))
        {
            return IPAddress.TryParse(value, out address!) && address.AddressFamily == AddressFamily.InterNetworkV6;
        }

        return Ipv4Pattern().IsMatch(value) && IPAddress.TryParse(value, out address!);
    }

    public static bool TryParseCidr(string? value, out IPNetwork network)
    {
        network = default;
        var slash = value?.IndexOf('/') ?? -1;
        if (value is null || slash < 0 || !TryParseIp(value[..slash], out _))
        {
            return false;
        }

        return IPNetwork.TryParse(value, out network);
    }

    /// <summary>True when the IPv4 network lies inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16.</summary>
    public static bool IsPrivateIpv4(IPNetwork network) =>
        network.BaseAddress.AddressFamily == AddressFamily.InterNetwork
        && PrivateRanges.Any(range => range.PrefixLength <= network.PrefixLength && range.Contains(network.BaseAddress));

    public static bool Overlap(IPNetwork a, IPNetwork b) => a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress);

    private static readonly IPNetwork[] PrivateRanges =
    [
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.168.0.0/16"),
    ];

    [GeneratedRegex(@"^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$")]
    private static partial Regex Ipv4Pattern();
}

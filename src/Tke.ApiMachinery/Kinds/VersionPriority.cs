using System.Text.RegularExpressions;

namespace Tke.ApiMachinery.Kinds;

/// <summary>
/// Kubernetes' version priority (apimachinery's CompareKubeAwareVersionStrings): GA before beta
/// before alpha, higher numbers first within each, and versions that do not look like Kubernetes
/// versions last, alphabetically. Used to order versions and pick a group's preferred version.
/// </summary>
public sealed partial class VersionPriority : IComparer<string>
{
    public static VersionPriority Comparer { get; } = new();

    public int Compare(string? x, string? y)
    {
        var a = Parse(x ?? "");
        var b = Parse(y ?? "");
        if (a.Rank != b.Rank)
        {
            return a.Rank.CompareTo(b.Rank);
        }

        if (a.Rank == 3)
        {
            return string.CompareOrdinal(x, y);
        }

        return a.Major != b.Major ? b.Major.CompareTo(a.Major) : b.Minor.CompareTo(a.Minor);
    }

    private static (int Rank, long Major, long Minor) Parse(string version)
    {
        var match = KubeVersion().Match(version);
        if (!match.Success || !long.TryParse(match.Groups[1].Value, out var major))
        {
            return (3, 0, 0);
        }

        var minor = match.Groups[3].Success && long.TryParse(match.Groups[3].Value, out var m) ? m : 0;
        return match.Groups[2].Value switch
        {
            "" => (0, major, 0),
            "beta" => (1, major, minor),
            _ => (2, major, minor),
        };
    }

    [GeneratedRegex("^v([1-9][0-9]*)(?:(alpha|beta)([1-9][0-9]*))?$")]
    private static partial Regex KubeVersion();
}

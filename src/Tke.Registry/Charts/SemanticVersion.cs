using System.Text.RegularExpressions;

namespace Tke.Registry.Charts;

/// <summary>A strict SemVer 2.0.0 version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD], no "v" prefix),
/// as ChartMuseum enforces on upload, ordered by SemVer precedence (build metadata ignored).</summary>
public sealed partial class SemanticVersion : IComparable<SemanticVersion>
{
    private readonly string[] _prerelease;

    private SemanticVersion(ulong major, ulong minor, ulong patch, string[] prerelease, string text)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        _prerelease = prerelease;
        Text = text;
    }

    public ulong Major { get; }

    public ulong Minor { get; }

    public ulong Patch { get; }

    public string Text { get; }

    public static bool TryParse(string? text, out SemanticVersion version)
    {
        version = null!;
        if (string.IsNullOrEmpty(text) || text.Length > 256)
        {
            return false;
        }

        var m = Pattern().Match(text);
        if (!m.Success
            || !ulong.TryParse(m.Groups["major"].Value, out var major)
            || !ulong.TryParse(m.Groups["minor"].Value, out var minor)
            || !ulong.TryParse(m.Groups["patch"].Value, out var patch))
        {
            return false;
        }

        var pre = m.Groups["pre"].Success ? m.Groups["pre"].Value.Split('.') : [];
        version = new SemanticVersion(major, minor, patch, pre, text);
        return true;
    }

    public int CompareTo(SemanticVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = Major.CompareTo(other.Major);
        c = c != 0 ? c : Minor.CompareTo(other.Minor);
        c = c != 0 ? c : Patch.CompareTo(other.Patch);
        if (c != 0)
        {
            return c;
        }

        // A pre-release sorts before its release.
        if (_prerelease.Length == 0 || other._prerelease.Length == 0)
        {
            return other._prerelease.Length.CompareTo(_prerelease.Length);
        }

        for (var i = 0; i < Math.Min(_prerelease.Length, other._prerelease.Length); i++)
        {
            c = CompareIdentifier(_prerelease[i], other._prerelease[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return _prerelease.Length.CompareTo(other._prerelease.Length);
    }

    public override string ToString() => Text;

    private static int CompareIdentifier(string a, string b)
    {
        var aNumeric = ulong.TryParse(a, out var an);
        var bNumeric = ulong.TryParse(b, out var bn);
        return (aNumeric, bNumeric) switch
        {
            (true, true) => an.CompareTo(bn),
            (true, false) => -1,
            (false, true) => 1,
            _ => string.CompareOrdinal(a, b),
        };
    }

    // The regular expression of semver.org, anchored.
    [GeneratedRegex(@"^(?<major>0|[1-9]\d*)\.(?<minor>0|[1-9]\d*)\.(?<patch>0|[1-9]\d*)(?:-(?<pre>(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+(?<build>[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

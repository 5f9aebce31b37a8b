using System.Text.RegularExpressions;

namespace Tke.Registry.Storage;

/// <summary>The OCI grammar for repository names and tags. Names here always have a namespace
/// ("namespace/name[/more]") because repositories live under registry namespaces.</summary>
public static partial class RepositoryNames
{
    public const int MaxNameLength = 255;

    public static bool IsValidName(string name) =>
        name.Length <= MaxNameLength && name.Contains('/', StringComparison.Ordinal) && NamePattern().IsMatch(name);

    public static bool IsValidTag(string tag) => TagPattern().IsMatch(tag);

    /// <summary>The registry namespace of a repository name ("library" in "library/nginx").</summary>
    public static string NamespaceOf(string name) => name[..name.IndexOf('/', StringComparison.Ordinal)];

    [GeneratedRegex(@"^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}

namespace Tke.Registry.Access;

/// <summary>
/// One resource scope of Docker's token flow, "repository:ns/name:pull,push" (type, name,
/// actions; the name may itself contain ':' only in the registry's own forms, so the actions are
/// after the last ':'). Also the "access" entries of an issued token.
/// </summary>
public sealed record RegistryScope(string Type, string Name, IReadOnlyList<string> Actions)
{
    public const string RepositoryType = "repository";
    public const string RegistryType = "registry";
    public const string Pull = "pull";
    public const string Push = "push";
    public const string Delete = "delete";
    public const string All = "*";

    public static RegistryScope? Parse(string scope)
    {
        var first = scope.IndexOf(':', StringComparison.Ordinal);
        var last = scope.LastIndexOf(':');
        if (first <= 0 || last == first)
        {
            return null;
        }

        var name = scope[(first + 1)..last];
        if (name.Length == 0)
        {
            return null;
        }

        var actions = scope[(last + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new RegistryScope(scope[..first], name, actions.Distinct(StringComparer.Ordinal).ToArray());
    }

    public static string ActionName(RegistryAction action) => action switch
    {
        RegistryAction.Pull => Pull,
        RegistryAction.Push => Push,
        _ => Delete,
    };

    public static RegistryAction? ActionOf(string action) => action switch
    {
        Pull => RegistryAction.Pull,
        Push => RegistryAction.Push,
        Delete or All => RegistryAction.Delete,
        _ => null,
    };

    /// <summary>Whether this grant allows <paramref name="action"/> on repository <paramref name="repository"/>.</summary>
    public bool Allows(string repository, RegistryAction action) =>
        Type == RepositoryType
        && string.Equals(Name, repository, StringComparison.Ordinal)
        && (Actions.Contains(All) || Actions.Contains(ActionName(action)));

    public override string ToString() => $"{Type}:{Name}:{string.Join(',', Actions)}";
}

namespace Tke.SimCluster.Rbac.Authorization;

/// <summary>
/// Who RBAC subjects are matched against: a user name and groups. A service account's user name
/// (system:serviceaccount:NS:NAME) also matches ServiceAccount subjects and carries the groups
/// system:serviceaccounts and system:serviceaccounts:NS, as a service account token or an
/// impersonated service account does on kube-apiserver (the simulated cluster has only impersonation).
/// </summary>
public sealed record RbacIdentity(string Name, IReadOnlyList<string> Groups)
{
    public const string ServiceAccountPrefix = "system:serviceaccount:";
    public const string AllServiceAccountsGroup = "system:serviceaccounts";

    /// <summary>(namespace, name) of a service account user name, or null for any other user.</summary>
    public static (string Namespace, string Name)? ServiceAccountOf(string userName)
    {
        if (!userName.StartsWith(ServiceAccountPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = userName[ServiceAccountPrefix.Length..].Split(':');
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0 ? (parts[0], parts[1]) : null;
    }

    /// <summary>The keys of the subjects this identity is: its user, each group, its service account.</summary>
    public IEnumerable<string> SubjectKeys()
    {
        yield return SubjectKey.User(Name);
        var groups = new HashSet<string>(Groups, StringComparer.Ordinal);
        if (ServiceAccountOf(Name) is { } account)
        {
            yield return SubjectKey.ServiceAccount(account.Namespace, account.Name);
            groups.Add(AllServiceAccountsGroup);
            groups.Add($"{AllServiceAccountsGroup}:{account.Namespace}");
        }

        foreach (var group in groups)
        {
            yield return SubjectKey.Group(group);
        }
    }
}

/// <summary>Index keys of binding subjects.</summary>
public static class SubjectKey
{
    public static string User(string name) => "User:" + name;

    public static string Group(string name) => "Group:" + name;

    public static string ServiceAccount(string ns, string name) => $"ServiceAccount:{ns}/{name}";

    /// <summary>The key of a binding's subject; a ServiceAccount without namespace is in the binding's
    /// namespace, and null (matching no one) in a ClusterRoleBinding.</summary>
    public static string? Of(Subject subject, string bindingNamespace) => subject.Kind switch
    {
        Subject.UserKind => User(subject.Name),
        Subject.GroupKind => Group(subject.Name),
        Subject.ServiceAccountKind when (string.IsNullOrEmpty(subject.Namespace) ? bindingNamespace : subject.Namespace) is { Length: > 0 } ns
            => ServiceAccount(ns, subject.Name),
        _ => null,
    };
}

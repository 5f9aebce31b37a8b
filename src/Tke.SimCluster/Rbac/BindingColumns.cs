using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;

namespace Tke.SimCluster.Rbac;

/// <summary>kubectl's columns for role bindings: ROLE (Kind/name) and AGE, and with -o wide the
/// USERS, GROUPS and SERVICEACCOUNTS (namespace/name) they bind.</summary>
public static class BindingColumns
{
    public static IReadOnlyList<TableColumn> For<T>(Func<T, RoleRef> roleRef, Func<T, List<Subject>?> subjects, Func<ApiObject, string> age)
        where T : ApiObject =>
    [
        new("Role", "string", "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace.", 0, o => $"{roleRef((T)o).Kind}/{roleRef((T)o).Name}"),
        new("Age", "string", "CreationTimestamp is a timestamp representing the server time when this object was created.", 0, o => age(o)),
        new("Users", "string", "Users in the roleBinding", 1, o => Names(subjects((T)o), Subject.UserKind)),
        new("Groups", "string", "Groups in the roleBinding", 1, o => Names(subjects((T)o), Subject.GroupKind)),
        new("ServiceAccounts", "string", "ServiceAccounts in the roleBinding", 1, o => Names(subjects((T)o), Subject.ServiceAccountKind)),
    ];

    private static string Names(List<Subject>? subjects, string kind) => string.Join(", ", (subjects ?? [])
        .Where(s => s.Kind == kind)
        .Select(s => kind == Subject.ServiceAccountKind ? $"{s.Namespace}/{s.Name}" : s.Name));
}

using Tke.ApiMachinery.Requests;
using Tke.Registry.Apis;
using Tke.Registry.Apis.ChartGroups;

namespace Tke.Registry.Access;

/// <summary>
/// What a caller may do to a repository of a tenant, decided afresh from the stored objects and
/// the platform's policies:
/// <list type="bullet">
/// <item>Another tenant's repositories do not exist for a user (NotFound), public or not.</item>
/// <item>Images "namespace/name": pull of a Public namespace is open to everyone, also anonymous.
/// Anything else needs a user the tenant's policies allow: get (pull), create (push) or delete
/// on registry.tkestack.io repositories in that namespace, which the policy engine sees as
/// getRepository / createRepository / deleteRepository on registrynamespace:{ns}/repository:{name}.
/// Pushes need the namespace to exist and not be locked.</item>
/// <item>Chart groups (a name without '/'): Public groups are open to the tenant's users for
/// pulls, User groups to their listed users, Project groups to the members of their listed
/// projects of the same tenant (and to their creator); pushes and everything else go to the
/// policies (getChart / createChart / deleteChart in the chart group).</item>
/// </list>
/// Anonymous callers are never refused outright: they are asked to authenticate.
/// </summary>
public sealed class RegistryPermissions(RegistryDirectory directory, Func<IRequestAuthorizer> authorizer)
{
    /// <param name="user">The caller, or null for anonymous.</param>
    /// <param name="tenant">The tenant whose repository is addressed.</param>
    public async ValueTask<RegistryDecision> DecideAsync(RequestUser? user, string tenant, string repository, RegistryAction action, CancellationToken cancellationToken)
    {
        if (user is { TenantScope: { } own } && !string.Equals(own, tenant, StringComparison.Ordinal))
        {
            return RegistryDecision.NotFound;
        }

        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? await DecideChartGroupAsync(user, tenant, repository, action, cancellationToken)
            : await DecideImageAsync(user, tenant, repository[..slash], repository[(slash + 1)..], action, cancellationToken);
    }

    private async ValueTask<RegistryDecision> DecideImageAsync(RequestUser? user, string tenant, string namespaceName, string name, RegistryAction action, CancellationToken cancellationToken)
    {
        if (name.Length == 0)
        {
            return RegistryDecision.NotFound;
        }

        var ns = await directory.FindNamespaceAsync(tenant, namespaceName, cancellationToken);
        if (ns is null)
        {
            // A missing namespace looks the same as a private one to the anonymous.
            return user is null ? RegistryDecision.Unauthenticated : action == RegistryAction.Pull ? RegistryDecision.NotFound : RegistryDecision.Denied;
        }

        if (action == RegistryAction.Pull && ns.Spec.Visibility == Visibilities.Public)
        {
            return RegistryDecision.Allowed;
        }

        if (user is null)
        {
            return RegistryDecision.Unauthenticated;
        }

        if (action != RegistryAction.Pull && ns.Status?.Locked == true)
        {
            return RegistryDecision.Denied;
        }

        return await PolicyAllowsAsync(user, "repositories", ns.Metadata.Name!, name, action, cancellationToken)
            ? RegistryDecision.Allowed
            : RegistryDecision.Denied;
    }

    private async ValueTask<RegistryDecision> DecideChartGroupAsync(RequestUser? user, string tenant, string groupName, RegistryAction action, CancellationToken cancellationToken)
    {
        var group = await directory.FindChartGroupAsync(tenant, groupName, cancellationToken);
        if (group is null)
        {
            return user is null ? RegistryDecision.Unauthenticated : RegistryDecision.NotFound;
        }

        if (user is null)
        {
            return RegistryDecision.Unauthenticated;
        }

        if (action == RegistryAction.Pull && await OpenForPullAsync(group, tenant, user, cancellationToken))
        {
            return RegistryDecision.Allowed;
        }

        if (action != RegistryAction.Pull && group.Status?.Locked == true)
        {
            return RegistryDecision.Denied;
        }

        return await PolicyAllowsAsync(user, "charts", group.Metadata.Name!, null, action, cancellationToken)
            ? RegistryDecision.Allowed
            : RegistryDecision.Denied;
    }

    private async ValueTask<bool> OpenForPullAsync(ChartGroup group, string tenant, RequestUser user, CancellationToken cancellationToken)
    {
        switch (group.Spec.Visibility)
        {
            case Visibilities.Public:
                return true;
            case Visibilities.User:
                return group.Spec.Users?.Contains(user.Name, StringComparer.Ordinal) == true;
            case Visibilities.Project:
                // The group's own tenant, so that a project of another tenant never counts.
                var owner = string.IsNullOrEmpty(group.Spec.TenantId) ? tenant : group.Spec.TenantId;
                return group.Spec.Creator == user.Name
                    || (group.Spec.Projects is { Count: > 0 } projects && await directory.IsProjectMemberAsync(owner, projects, user.Name, cancellationToken));
            default:
                return group.Spec.Creator == user.Name;
        }
    }

    private async ValueTask<bool> PolicyAllowsAsync(RequestUser user, string resource, string objectNamespace, string? name, RegistryAction action, CancellationToken cancellationToken)
    {
        var verb = action switch
        {
            RegistryAction.Pull => "get",
            RegistryAction.Push => "create",
            _ => "delete",
        };
        var attributes = new ResourceAttributes(verb, RegistryApiGroup.GroupName, RegistryApiGroup.Version, resource, null, objectNamespace, name);
        var verdict = await authorizer().AuthorizeAsync(user, attributes, cancellationToken);
        return verdict.Allowed;
    }
}

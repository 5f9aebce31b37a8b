namespace Tke.Auth.Authorization;

/// <summary>
/// An immutable, compiled view of all policies and bindings that answers authorization
/// questions. Build a new one when the stored objects change and publish it through an
/// <see cref="AuthorizationSnapshot"/>; a built engine is safe to use from any number of threads.
/// <para>
/// A decision follows TKEStack's casbin effect, <c>some(allow) &amp;&amp; !some(deny)</c>: the request
/// is allowed when a statement of the subject's policies allows the action on the resource and
/// none denies it. The statements considered are those bound to the user (directly, through a
/// role or a local group), to the groups the subject carries, and to all users of the tenant, at
/// platform level, plus the project-level ones of <c>projectId</c> when the request is made in a
/// project. Only the rules of <c>tenantId</c> are consulted, and a subject whose token names
/// another tenant is denied. Administrators of the tenant's identity provider are allowed
/// everything in their tenant, as in TKEStack.
/// </para>
/// </summary>
public sealed class PolicyEngine
{
    private readonly Dictionary<string, TenantRules> _tenants;

    private PolicyEngine(Dictionary<string, TenantRules> tenants, int statementCount)
    {
        _tenants = tenants;
        StatementCount = statementCount;
    }

    /// <summary>An engine without policies: it denies everything.</summary>
    public static PolicyEngine Empty { get; } = new(new Dictionary<string, TenantRules>(StringComparer.Ordinal), 0);

    /// <summary>Number of compiled statements, for diagnostics.</summary>
    public int StatementCount { get; }

    public IReadOnlyCollection<string> Tenants => _tenants.Keys;

    public static PolicyEngine Build(AuthorizationInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var tenants = PolicyEngineCompiler.Compile(inputs, out var statementCount);
        return new PolicyEngine(tenants, statementCount);
    }

    /// <summary>Maps the request with <see cref="ActionMapper"/> and decides it.</summary>
    public Decision Authorize(RequestSubject subject, string tenantId, RequestAttributes request, string? projectId)
    {
        var (action, resource) = ActionMapper.Map(request);
        return Authorize(subject, tenantId, action, resource, projectId);
    }

    /// <summary>
    /// Decides whether <paramref name="subject"/> may perform <paramref name="action"/> (e.g.
    /// "getCluster") on <paramref name="resource"/> (e.g. "cluster:cls-1") in tenant
    /// <paramref name="tenantId"/>, in project <paramref name="projectId"/> or outside any project (null or "").
    /// </summary>
    public Decision Authorize(RequestSubject subject, string tenantId, string action, string resource, string? projectId)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.TenantId.Length > 0 && !string.Equals(subject.TenantId, tenantId, StringComparison.Ordinal))
        {
            return new Decision(false, DecisionReason.TenantMismatch);
        }

        if (!_tenants.TryGetValue(tenantId, out var tenant))
        {
            return new Decision(false, DecisionReason.NoMatchingPolicy);
        }

        if (tenant.Administrators.Count > 0 && tenant.Administrators.Contains(subject.Name))
        {
            return new Decision(true, DecisionReason.TenantAdministrator);
        }

        if (string.IsNullOrEmpty(projectId))
        {
            projectId = null;
        }
        else if (NamesOtherProject(resource, projectId))
        {
            return new Decision(false, DecisionReason.ProjectMismatch);
        }

        // One pass: any deny ends the search; the first allow is remembered while denies are still looked for.
        CompiledStatement? allow = null;
        CompiledStatement? deny = null;
        if (tenant.Users.TryGetValue(subject.Name, out var user) && Scan(user, projectId, action, resource, ref allow, out deny))
        {
            return Denied(deny);
        }

        if (subject.UserId is { Length: > 0 } id && id != subject.Name && tenant.Users.TryGetValue(id, out var byId)
            && Scan(byId, projectId, action, resource, ref allow, out deny))
        {
            return Denied(deny);
        }

        if (tenant.Everyone is { } everyone && Scan(everyone, projectId, action, resource, ref allow, out deny))
        {
            return Denied(deny);
        }

        var groups = subject.Groups;
        for (var i = 0; i < groups.Count; i++)
        {
            if (tenant.Groups.TryGetValue(groups[i], out var group) && Scan(group, projectId, action, resource, ref allow, out deny))
            {
                return Denied(deny);
            }
        }

        return allow is null
            ? new Decision(false, DecisionReason.NoMatchingPolicy)
            : new Decision(true, DecisionReason.AllowedByPolicy, allow.PolicyName, allow.DisplayName);
    }

    private static Decision Denied(CompiledStatement? deny) =>
        new(false, DecisionReason.DeniedByPolicy, deny?.PolicyName, deny?.DisplayName);

    /// <summary>True when a deny statement matched (returned in <paramref name="deny"/>).</summary>
    private static bool Scan(SubjectRules rules, string? projectId, string action, string resource, ref CompiledStatement? allow, out CompiledStatement? deny)
    {
        if (Scan(rules.Platform, action, resource, ref allow, out deny))
        {
            return true;
        }

        return projectId is not null && rules.Projects is { } projects && projects.TryGetValue(projectId, out var inProject)
            && Scan(inProject, action, resource, ref allow, out deny);
    }

    private static bool Scan(RuleSet rules, string action, string resource, ref CompiledStatement? allow, out CompiledStatement? deny)
    {
        foreach (var statement in rules.Denies)
        {
            if (statement.Matches(action, resource))
            {
                deny = statement;
                return true;
            }
        }

        if (allow is null)
        {
            foreach (var statement in rules.Allows)
            {
                if (statement.Matches(action, resource))
                {
                    allow = statement;
                    break;
                }
            }
        }

        deny = null;
        return false;
    }

    /// <summary>
    /// TKEStack's guard against crossing projects: inside project P, a request for the project
    /// object "project:Q" (Q not P, not "*") is denied whatever the policies say.
    /// </summary>
    private static bool NamesOtherProject(string resource, string projectId)
    {
        const string Prefix = "project:";
        if (!resource.StartsWith(Prefix, StringComparison.Ordinal) || resource.IndexOf('/', Prefix.Length) >= 0)
        {
            return false;
        }

        var name = resource.AsSpan(Prefix.Length);
        return !name.SequenceEqual("*") && !name.SequenceEqual(projectId);
    }
}

using Tke.Auth.Apis.Policies;

namespace Tke.Auth.Authorization;

/// <summary>One policy statement with its patterns compiled: the unit the engine evaluates.</summary>
internal sealed class CompiledStatement
{
    private readonly WildcardPattern[] _actions;
    private readonly WildcardPattern[] _resources;
    private readonly bool _anyAction;
    private readonly bool _anyResource;

    public CompiledStatement(string policyName, string displayName, IEnumerable<string> actions, IEnumerable<string> resources, bool isDeny)
    {
        PolicyName = policyName;
        DisplayName = displayName;
        IsDeny = isDeny;
        _actions = actions.Where(a => a.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Select(WildcardPattern.Compile).ToArray();
        _resources = resources.Where(r => r.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Select(WildcardPattern.Compile).ToArray();
        _anyAction = _actions.Any(a => a.MatchesEverything);
        _anyResource = _resources.Any(r => r.MatchesEverything);
    }

    public string PolicyName { get; }

    public string DisplayName { get; }

    public bool IsDeny { get; }

    public static CompiledStatement FromPolicy(Policy policy, IEnumerable<string>? resourcesOverride = null) => new(
        policy.Metadata.Name ?? "",
        policy.Spec.DisplayName,
        policy.Spec.Statement.Actions,
        resourcesOverride ?? policy.Spec.Statement.Resources,
        // TKEStack's casbin effect compares with "deny" exactly; anything else can only allow.
        string.Equals(policy.Spec.Statement.Effect, PolicyEffects.Deny, StringComparison.OrdinalIgnoreCase));

    public bool Matches(string action, string resource) =>
        (_anyAction || AnyMatch(_actions, action)) && (_anyResource || AnyMatch(_resources, resource));

    private static bool AnyMatch(WildcardPattern[] patterns, string text)
    {
        foreach (var pattern in patterns)
        {
            if (pattern.IsMatch(text))
            {
                return true;
            }
        }

        return false;
    }
}

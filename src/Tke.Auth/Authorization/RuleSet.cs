namespace Tke.Auth.Authorization;

/// <summary>The statements that apply to one subject in one scope, denies apart so they are checked first.</summary>
internal sealed class RuleSet
{
    public static readonly RuleSet Empty = new([]);

    public RuleSet(IEnumerable<CompiledStatement> statements)
    {
        var distinct = statements.Distinct().ToArray();
        Denies = distinct.Where(s => s.IsDeny).ToArray();
        Allows = distinct.Where(s => !s.IsDeny).ToArray();
    }

    public CompiledStatement[] Denies { get; }

    public CompiledStatement[] Allows { get; }

    public bool IsEmpty => Denies.Length == 0 && Allows.Length == 0;
}

/// <summary>Everything bound to one user, group or "all users": platform statements and statements per project.</summary>
internal sealed class SubjectRules(RuleSet platform, Dictionary<string, RuleSet>? projects)
{
    public RuleSet Platform { get; } = platform;

    /// <summary>Statements from project-scoped bindings, by project id; null when there are none.</summary>
    public Dictionary<string, RuleSet>? Projects { get; } = projects;
}

/// <summary>One tenant's compiled rules. Nothing in it refers to another tenant.</summary>
internal sealed class TenantRules(
    Dictionary<string, SubjectRules> users,
    Dictionary<string, SubjectRules> groups,
    SubjectRules? everyone,
    HashSet<string> administrators)
{
    public Dictionary<string, SubjectRules> Users { get; } = users;

    public Dictionary<string, SubjectRules> Groups { get; } = groups;

    public SubjectRules? Everyone { get; } = everyone;

    public HashSet<string> Administrators { get; } = administrators;
}

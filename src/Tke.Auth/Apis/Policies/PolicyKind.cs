using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.Auth.Apis.Subjects;

namespace Tke.Auth.Apis.Policies;

public sealed class PolicyKind : AuthKind<Policy>
{
    public override string Kind => "Policy";

    public override string Plural => "policies";

    public override IReadOnlyList<string> ShortNames => ["pol"];

    public override string? DefaultGenerateName => "pol-";

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Display Name", p => p.Spec.DisplayName, description: "Policy name."),
        Column("Type", p => p.Spec.Type, description: "default or custom."),
        Column("Scope", p => p.Spec.Scope, description: "platform or project."),
        Column("Effect", p => p.Spec.Statement.Effect, description: "allow or deny."),
        Column("Category", p => p.Spec.Category, priority: 1, description: "Service category."),
        Column("Tenant", p => p.Spec.TenantId, priority: 1, description: "Tenant of the policy."),
    ];

    protected override IReadOnlyDictionary<string, Func<Policy, string?>> TypedSelectableFields => new Dictionary<string, Func<Policy, string?>>
    {
        ["spec.tenantID"] = p => p.Spec.TenantId,
        ["spec.username"] = p => p.Spec.Username,
        ["spec.category"] = p => p.Spec.Category,
        ["spec.displayName"] = p => p.Spec.DisplayName,
        ["spec.type"] = p => p.Spec.Type,
        ["spec.scope"] = p => p.Spec.Scope,
    };

    protected override void Default(Policy obj)
    {
        if (string.IsNullOrEmpty(obj.Spec.Type))
        {
            obj.Spec.Type = PolicyTypes.Custom;
        }

        if (string.IsNullOrEmpty(obj.Spec.Scope))
        {
            obj.Spec.Scope = PolicyScopes.Platform;
        }
    }

    protected override void Validate(Policy obj, FieldErrorList errors)
    {
        // Checked after defaulting rather than in the schema: Go clients send "" for an unset type or scope.
        if (!PolicyTypes.All.Contains(obj.Spec.Type))
        {
            errors.NotSupported("spec.type", obj.Spec.Type, PolicyTypes.All);
        }

        if (!PolicyScopes.All.Contains(obj.Spec.Scope))
        {
            errors.NotSupported("spec.scope", obj.Spec.Scope, PolicyScopes.All);
        }

        var statement = obj.Spec.Statement;
        FieldChecks.NotEmpty(statement.Actions, "spec.statement.actions", errors, "must specify actions");
        for (var i = 0; i < statement.Actions.Count; i++)
        {
            if (!StatementFormat.IsAction(statement.Actions[i]))
            {
                errors.Invalid($"spec.statement.actions[{i}]", statement.Actions[i], "must be an action name with optional '*' wildcards, e.g. get* or *Deployment*");
            }
        }

        FieldChecks.NotEmpty(statement.Resources, "spec.statement.resources", errors, "must specify resources");
        for (var i = 0; i < statement.Resources.Count; i++)
        {
            if (StatementFormat.ResourceProblem(statement.Resources[i]) is { } problem)
            {
                errors.Invalid($"spec.statement.resources[{i}]", statement.Resources[i], problem);
            }
        }

        SubjectChecks.Users(obj.Status?.Users, "status.users", errors);
        SubjectChecks.Groups(obj.Status?.Groups, "status.groups", errors);
    }

    protected override void ValidateUpdate(Policy obj, Policy old, FieldErrorList errors)
    {
        Validate(obj, errors);
        FieldChecks.Unchanged(obj.Spec.TenantId, old.Spec.TenantId, "spec.tenantID", errors);
    }
}

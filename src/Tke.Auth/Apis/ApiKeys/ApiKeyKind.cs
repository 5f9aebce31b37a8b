using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;

namespace Tke.Auth.Apis.ApiKeys;

public sealed class ApiKeyKind : AuthKind<ApiKey>
{
    public override string Kind => "APIKey";

    public override string Plural => "apikeys";

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Description", k => k.Spec.Description, description: "What the key is used for."),
        Column("Username", k => k.Spec.Username, description: "Owner of the key."),
        Column("Expire At", k => k.Spec.ExpireAt, "date", description: "Time the key expires."),
        Column("Disabled", k => k.Status?.Disabled ?? false, "boolean", description: "Whether the key is disabled."),
        Column("Expired", k => k.Status?.Expired ?? false, "boolean", description: "Whether the key has expired."),
        Column("Tenant", k => k.Spec.TenantId, priority: 1, description: "Tenant of the owner."),
    ];

    protected override IReadOnlyDictionary<string, Func<ApiKey, string?>> TypedSelectableFields => new Dictionary<string, Func<ApiKey, string?>>
    {
        ["spec.tenantID"] = k => k.Spec.TenantId,
        ["spec.apiKey"] = k => k.Spec.Key,
        ["spec.username"] = k => k.Spec.Username,
    };

    protected override void Validate(ApiKey obj, FieldErrorList errors)
    {
        if (obj.Spec is { IssueAt: { } issued, ExpireAt: { } expires } && expires <= issued)
        {
            errors.Invalid("spec.expire_at", expires.ToString("O"), "must be later than issue_at");
        }
    }

    protected override void ValidateUpdate(ApiKey obj, ApiKey old, FieldErrorList errors)
    {
        Validate(obj, errors);
        FieldChecks.Unchanged(obj.Spec.TenantId, old.Spec.TenantId, "spec.tenantID", errors);
        FieldChecks.Unchanged(obj.Spec.Username, old.Spec.Username, "spec.username", errors);
    }
}

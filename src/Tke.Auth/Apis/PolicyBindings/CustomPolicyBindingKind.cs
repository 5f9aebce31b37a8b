using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.Auth.Apis.Subjects;

namespace Tke.Auth.Apis.PolicyBindings;

public sealed class CustomPolicyBindingKind : AuthKind<CustomPolicyBinding>
{
    public override string Kind => "CustomPolicyBinding";

    public override string Plural => "custompolicybindings";

    public override IReadOnlyList<string> ShortNames => ["cpb"];

    public override KindScope Scope => KindScope.Namespaced;

    public override string? DefaultGenerateName => "cpb-";

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Policy", b => b.Spec.PolicyId, description: "Bound policy."),
        Column("Domain", b => b.Spec.Domain, description: "Authorization domain."),
        Column("Resources", b => b.Spec.Resources?.Count ?? 0, "integer", description: "Number of resources."),
        Column("Phase", b => b.Status?.Phase, description: "Lifecycle phase."),
        Column("Rule Prefix", b => b.Spec.RulePrefix, priority: 1, description: "Prefix of generated rules."),
    ];

    protected override IReadOnlyDictionary<string, Func<CustomPolicyBinding, string?>> TypedSelectableFields => new Dictionary<string, Func<CustomPolicyBinding, string?>>
    {
        ["spec.domain"] = b => b.Spec.Domain,
        ["spec.policyID"] = b => b.Spec.PolicyId,
        ["spec.tenantID"] = b => b.Spec.TenantId,
    };

    protected override void Default(CustomPolicyBinding obj)
    {
        // TKEStack names the binding after its policy, one binding per policy and namespace.
        if (string.IsNullOrEmpty(obj.Metadata.Name) && string.IsNullOrEmpty(obj.Metadata.GenerateName) && obj.Spec.PolicyId.Length > 0)
        {
            obj.Metadata.Name = obj.Spec.PolicyId;
        }
    }

    protected override void Validate(CustomPolicyBinding obj, FieldErrorList errors)
    {
        FieldChecks.NotEmpty(obj.Spec.Resources, "spec.resources", errors, "must specify resources");
        SubjectChecks.Users(obj.Spec.Users, "spec.users", errors);
        SubjectChecks.Groups(obj.Spec.Groups, "spec.groups", errors);
    }

    protected override void ValidateUpdate(CustomPolicyBinding obj, CustomPolicyBinding old, FieldErrorList errors)
    {
        Validate(obj, errors);
        FieldChecks.Unchanged(obj.Spec.TenantId, old.Spec.TenantId, "spec.tenantID", errors);
        FieldChecks.Unchanged(obj.Spec.PolicyId, old.Spec.PolicyId, "spec.policyID", errors);
        FieldChecks.Unchanged(obj.Spec.RulePrefix, old.Spec.RulePrefix, "spec.rulePrefix", errors);
    }
}

using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.Auth.Apis.Subjects;

namespace Tke.Auth.Apis.PolicyBindings;

public sealed class ProjectPolicyBindingKind : AuthKind<ProjectPolicyBinding>
{
    public override string Kind => "ProjectPolicyBinding";

    public override string Plural => "projectpolicybindings";

    public override IReadOnlyList<string> ShortNames => ["ppb"];

    /// <summary>TKEStack names a binding after its project and policy, one binding per pair.</summary>
    public static string NameFor(string projectId, string policyId) => $"{projectId}-{policyId}";

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Project", b => b.Spec.ProjectId, description: "Project the binding applies in."),
        Column("Policy", b => b.Spec.PolicyId, description: "Bound policy."),
        Column("Users", b => b.Spec.Users?.Count ?? 0, "integer", description: "Number of bound users."),
        Column("Groups", b => b.Spec.Groups?.Count ?? 0, "integer", description: "Number of bound groups."),
        Column("Phase", b => b.Status?.Phase, description: "Lifecycle phase."),
    ];

    protected override IReadOnlyDictionary<string, Func<ProjectPolicyBinding, string?>> TypedSelectableFields => new Dictionary<string, Func<ProjectPolicyBinding, string?>>
    {
        ["spec.projectID"] = b => b.Spec.ProjectId,
        ["spec.policyID"] = b => b.Spec.PolicyId,
        ["spec.tenantID"] = b => b.Spec.TenantId,
    };

    protected override void Default(ProjectPolicyBinding obj)
    {
        if (string.IsNullOrEmpty(obj.Metadata.Name) && string.IsNullOrEmpty(obj.Metadata.GenerateName)
            && obj.Spec.ProjectId.Length > 0 && obj.Spec.PolicyId.Length > 0)
        {
            obj.Metadata.Name = NameFor(obj.Spec.ProjectId, obj.Spec.PolicyId);
        }
    }

    protected override void Validate(ProjectPolicyBinding obj, FieldErrorList errors)
    {
        SubjectChecks.Users(obj.Spec.Users, "spec.users", errors);
        SubjectChecks.Groups(obj.Spec.Groups, "spec.groups", errors);
    }

    protected override void ValidateUpdate(ProjectPolicyBinding obj, ProjectPolicyBinding old, FieldErrorList errors)
    {
        Validate(obj, errors);
        FieldChecks.Unchanged(obj.Spec.TenantId, old.Spec.TenantId, "spec.tenantID", errors);
        FieldChecks.Unchanged(obj.Spec.ProjectId, old.Spec.ProjectId, "spec.projectID", errors);
        FieldChecks.Unchanged(obj.Spec.PolicyId, old.Spec.PolicyId, "spec.policyID", errors);
    }
}

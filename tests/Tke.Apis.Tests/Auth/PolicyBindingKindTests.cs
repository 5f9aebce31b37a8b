using Tke.ApiMachinery.Validation;
using Tke.Auth.Apis.PolicyBindings;
using Tke.Auth.Apis.Subjects;
using static Tke.Apis.Tests.ApiKindChecks;

namespace Tke.Apis.Tests.Auth;

public class PolicyBindingKindTests
{
    private static ProjectPolicyBinding SampleProjectBinding() => new()
    {
        Metadata = { Name = "prj-1-pol-member" },
        Spec = new ProjectPolicyBindingSpec
        {
            TenantId = "default",
            ProjectId = "prj-1",
            PolicyId = "pol-member",
            Users = [new Subject { Id = "usr-1" }, new Subject { Name = "jane" }],
            Groups = [new Subject { Id = "grp-1" }],
        },
        Status = new BindingStatus { Phase = "Active" },
    };

    private static CustomPolicyBinding SampleCustomBinding() => new()
    {
        Metadata = { Name = "pol-view", Namespace = "prj-1" },
        Spec = new CustomPolicyBindingSpec
        {
            TenantId = "default",
            PolicyId = "pol-view",
            RulePrefix = "custom",
            Domain = "prj-1",
            Resources = ["cluster:cls-1/namespace:ns-1/*"],
            Users = [new Subject { Id = "usr-1" }],
        },
    };

    [Fact]
    public void Project_binding_schema_and_valid_sample()
    {
        var kind = new ProjectPolicyBindingKind();
        HasFields(kind, "spec.finalizers", "spec.tenantID", "spec.projectID", "spec.policyID", "spec.users[].id", "spec.groups[].name", "status.phase");
        IsRequired(kind, "spec", "projectID");
        IsRequired(kind, "spec", "policyID");
        Assert.Equal("id", Node(kind, "spec.users").PatchMergeKey);
        Valid(Create(kind, SampleProjectBinding()));
    }

    [Fact]
    public void Project_binding_is_named_after_project_and_policy()
    {
        var binding = SampleProjectBinding();
        binding.Metadata.Name = null;
        new ProjectPolicyBindingKind().ApplyDefaults(binding);
        Assert.Equal("prj-1-pol-member", binding.Metadata.Name);

        binding.Metadata.Name = "kept";
        new ProjectPolicyBindingKind().ApplyDefaults(binding);
        Assert.Equal("kept", binding.Metadata.Name);
    }

    [Fact]
    public void Project_binding_subjects_and_immutable_fields()
    {
        var kind = new ProjectPolicyBindingKind();
        var binding = SampleProjectBinding();
        binding.Spec.Users!.Add(new Subject());
        Single(Create(kind, binding), "spec.users[2]", FieldErrorKind.Required);

        foreach (var (change, field) in new (Action<ProjectPolicyBinding>, string)[]
        {
            (b => b.Spec.ProjectId = "prj-2", "spec.projectID"),
            (b => b.Spec.PolicyId = "pol-other", "spec.policyID"),
            (b => b.Spec.TenantId = "t2", "spec.tenantID"),
        })
        {
            var changed = SampleProjectBinding();
            change(changed);
            Single(Update(kind, changed, SampleProjectBinding()), field, FieldErrorKind.Invalid);
        }
    }

    [Fact]
    public void Project_binding_json_table_and_selectors()
    {
        var kind = new ProjectPolicyBindingKind();
        var json = RoundTrip(SampleProjectBinding());
        Assert.Equal("prj-1", At(json, "spec.projectID")!.GetValue<string>());
        Assert.Equal("pol-member", At(json, "spec.policyID")!.GetValue<string>());
        var cells = Cells(kind, SampleProjectBinding());
        Assert.Equal("prj-1", cells["Project"]);
        Assert.Equal("pol-member", cells["Policy"]);
        Assert.Equal(2, cells["Users"]);
        Assert.Equal(1, cells["Groups"]);
        Assert.Equal("prj-1", Selected(kind, SampleProjectBinding(), "spec.projectID"));
        Assert.Equal("pol-member", Selected(kind, SampleProjectBinding(), "spec.policyID"));
        Assert.Equal("default", Selected(kind, SampleProjectBinding(), "spec.tenantID"));
    }

    [Fact]
    public void Custom_binding_schema_and_rules()
    {
        var kind = new CustomPolicyBindingKind();
        HasFields(kind, "spec.tenantID", "spec.policyID", "spec.rulePrefix", "spec.domain", "spec.resources", "spec.users[].id", "status.phase");
        IsRequired(kind, "spec", "policyID");
        IsRequired(kind, "spec", "rulePrefix");
        IsRequired(kind, "spec", "domain");
        Valid(Create(kind, SampleCustomBinding()));

        var binding = SampleCustomBinding();
        binding.Spec.Resources = [];
        Single(Create(kind, binding), "spec.resources", FieldErrorKind.Required);

        binding = SampleCustomBinding();
        binding.Spec.RulePrefix = "other";
        Single(Update(kind, binding, SampleCustomBinding()), "spec.rulePrefix", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Custom_binding_defaults_name_to_policy_and_prints()
    {
        var kind = new CustomPolicyBindingKind();
        var binding = SampleCustomBinding();
        binding.Metadata.Name = null;
        kind.ApplyDefaults(binding);
        Assert.Equal("pol-view", binding.Metadata.Name);

        var json = RoundTrip(SampleCustomBinding());
        Assert.Equal("custom", At(json, "spec.rulePrefix")!.GetValue<string>());
        var cells = Cells(kind, SampleCustomBinding());
        Assert.Equal("pol-view", cells["Policy"]);
        Assert.Equal("prj-1", cells["Domain"]);
        Assert.Equal(1, cells["Resources"]);
        Assert.Equal("prj-1", Selected(kind, SampleCustomBinding(), "spec.domain"));
        Assert.Equal("pol-view", Selected(kind, SampleCustomBinding(), "spec.policyID"));
    }
}

using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Validation;
using Tke.Apis.Tests.Shared;
using Tke.Business.Apis.Projects;
using Tke.Business.Apis.Shared;
using Tke.Platform.Apis.Shared;

namespace Tke.Apis.Tests.Business;

public class ProjectKindTests
{
    private readonly ProjectKind _kind = new();

    private static Project Sample() => new()
    {
        ApiVersion = "business.tkestack.io/v1",
        Kind = "Project",
        Metadata = new ObjectMeta { Name = "prj-abcd1234" },
        Spec = new ProjectSpec
        {
            TenantID = "default",
            DisplayName = "my-business",
            Members = ["admin", "alice"],
            Clusters = new()
            {
                ["global"] = new HardQuantity { Hard = new ResourceList { ["requests.cpu"] = "8", ["limits.memory"] = "16Gi" } },
                ["cls-abc123"] = new HardQuantity(),
            },
        },
    };

    [Fact]
    public void Names_scope_and_prefix_are_those_of_TKEStack()
    {
        Assert.Equal("business.tkestack.io", _kind.Group);
        Assert.Equal("projects", _kind.Plural);
        Assert.Equal(new[] { "prj" }, _kind.ShortNames);
        Assert.Equal(KindScope.Cluster, _kind.Scope);
        Assert.Equal("prj-", _kind.DefaultGenerateName);
        Assert.True(_kind.HasStatusSubresource);
    }

    [Fact]
    public void Schema_has_TKEStack_field_names()
    {
        KindAssert.HasFields(_kind, "spec.finalizers", "spec.tenantID", "spec.displayName", "spec.members", "spec.parentProjectName",
            "spec.clusters.{}.hard.{}", "status.locked", "status.phase", "status.clusters.{}.used.{}", "status.calculatedChildProjects",
            "status.calculatedNamespaces", "status.cachedSpecClusters.{}.hard", "status.cachedParent", "status.lastTransitionTime",
            "status.reason", "status.message");
        Assert.Equal(new[] { "displayName" }, KindAssert.SchemaAt(_kind, "spec").Required!);
        Assert.Equal(63, KindAssert.SchemaAt(_kind, "spec.displayName").MaxLength);
        Assert.Equal(new[] { "Active", "Pending", "Terminating", "Failed" }, KindAssert.SchemaAt(_kind, "status.phase").Enum!);
    }

    [Fact]
    public void A_valid_project_passes() => KindAssert.Valid(_kind, Sample());

    [Fact]
    public void Defaults_set_the_finalizer_on_create_only()
    {
        var project = Sample();
        _kind.ApplyDefaults(project);
        Assert.Equal(new[] { "project" }, project.Spec.Finalizers!);
        var stored = Sample();
        stored.Metadata.ResourceVersion = "7";
        _kind.ApplyDefaults(stored);
        Assert.Null(stored.Spec.Finalizers);
    }

    [Fact]
    public void Empty_display_name_is_required()
    {
        var project = Sample();
        project.Spec.DisplayName = "";
        KindAssert.HasError(KindAssert.Validate(_kind, project), "spec.displayName", FieldErrorKind.Required);
    }

    [Fact]
    public void Members_are_unique()
    {
        var project = Sample();
        project.Spec.Members = ["alice", "bob", "alice"];
        KindAssert.HasError(KindAssert.Validate(_kind, project), "spec.members[2]", FieldErrorKind.Duplicate);
    }

    [Fact]
    public void A_project_cannot_be_its_own_parent()
    {
        var project = Sample();
        project.Spec.ParentProjectName = "prj-abcd1234";
        KindAssert.HasError(KindAssert.Validate(_kind, project), "spec.parentProjectName", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Cluster_quotas_are_checked()
    {
        var project = Sample();
        project.Spec.Clusters!["global"].Hard!["requests.cpu"] = "-1";
        project.Spec.Clusters["Bad Cluster"] = new HardQuantity();
        var errors = KindAssert.Validate(_kind, project);
        KindAssert.HasError(errors, "spec.clusters[global].hard[requests.cpu]", FieldErrorKind.Invalid);
        KindAssert.HasError(errors, "spec.clusters[Bad Cluster]", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Quota_may_not_drop_below_usage_and_tenant_is_fixed()
    {
        var old = Sample();
        var updated = Sample();
        updated.Spec.TenantID = "other";
        updated.Spec.Clusters!["global"].Hard!["requests.cpu"] = "2";
        updated.Status = new ProjectStatus { Clusters = new() { ["global"] = new UsedQuantity { Used = new ResourceList { ["requests.cpu"] = "3" } } } };
        var errors = KindAssert.ValidateUpdate(_kind, updated, old);
        KindAssert.HasError(errors, "spec.tenantID", FieldErrorKind.Invalid);
        KindAssert.HasError(errors, "spec.clusters[global].hard[requests.cpu]", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Json_uses_TKEStack_field_names()
    {
        var project = Sample();
        project.Status = new ProjectStatus { Phase = BusinessPhases.Active, CalculatedNamespaces = ["global-dev"], CachedParent = "" };
        var (json, back) = KindAssert.RoundTrip(project);
        Assert.Equal("my-business", KindAssert.At(json, "spec", "displayName")?.GetValue<string>());
        Assert.Equal("8", KindAssert.At(json, "spec", "clusters", "global", "hard", "requests.cpu")?.GetValue<string>());
        Assert.Equal("alice", KindAssert.At(json, "spec", "members")?[1]?.GetValue<string>());
        Assert.Equal("global-dev", KindAssert.At(json, "status", "calculatedNamespaces")?[0]?.GetValue<string>());
        Assert.Equal("16Gi", back.Spec.Clusters!["global"].Hard!["limits.memory"]);
    }

    [Fact]
    public void Table_and_field_selectors()
    {
        var project = Sample();
        project.Spec.ParentProjectName = "prj-parent";
        project.Status = new ProjectStatus { Phase = BusinessPhases.Active };
        var cells = KindAssert.Cells(_kind, project);
        Assert.Equal("my-business", cells["Display Name"]);
        Assert.Equal("prj-parent", cells["Parent"]);
        Assert.Equal("Active", cells["Status"]);
        Assert.Equal("cls-abc123,global", cells["Clusters"]);
        Assert.Equal("prj-parent", KindAssert.Select(_kind, project, "spec.parentProjectName"));
        Assert.Equal("default", KindAssert.Select(_kind, project, "spec.tenantID"));
        Assert.Equal("Active", KindAssert.Select(_kind, project, "status.phase"));
    }
}

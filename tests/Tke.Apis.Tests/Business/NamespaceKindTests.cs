using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Validation;
using Tke.Apis.Tests.Shared;
using Tke.Business.Apis.Namespaces;
using Tke.Business.Apis.Shared;
using Tke.Platform.Apis.Shared;

namespace Tke.Apis.Tests.Business;

public class NamespaceKindTests
{
    private readonly NamespaceKind _kind = new();

    private static Namespace Sample() => new()
    {
        ApiVersion = "business.tkestack.io/v1",
        Kind = "Namespace",
        Metadata = new ObjectMeta { Name = "global-dev", Namespace = "prj-abcd1234" },
        Spec = new NamespaceSpec { TenantID = "default", ClusterName = "global", Namespace = "dev", Hard = new ResourceList { ["requests.cpu"] = "2", ["limits.memory"] = "4Gi" } },
    };

    [Fact]
    public void Is_namespaced_by_project_with_TKEStack_names()
    {
        Assert.Equal(KindScope.Namespaced, _kind.Scope);
        Assert.True(_kind.Namespaced);
        Assert.Equal("namespaces", _kind.Plural);
        Assert.Equal(new[] { "ns" }, _kind.ShortNames);
        Assert.Null(_kind.DefaultGenerateName);
        Assert.True(_kind.HasStatusSubresource);
    }

    [Fact]
    public void Schema_has_TKEStack_field_names()
    {
        KindAssert.HasFields(_kind, "spec.finalizers", "spec.tenantID", "spec.clusterName", "spec.clusterType", "spec.clusterVersion",
            "spec.clusterDisplayName", "spec.namespace", "spec.hard", "status.phase", "status.lastTransitionTime", "status.reason",
            "status.message", "status.resourceQuotaName", "status.used", "status.cachedSpecHard", "status.certificate.certPem",
            "status.certificate.keyPem", "status.certificate.caCertPem", "status.certificate.apiServer");
        Assert.Equal(new[] { "clusterName", "namespace" }, KindAssert.SchemaAt(_kind, "spec").Required!);
        KindAssert.MarkedSensitive<NamespaceCertificate>(nameof(NamespaceCertificate.KeyPem));
        KindAssert.NotSensitive<NamespaceCertificate>(nameof(NamespaceCertificate.CertPem), nameof(NamespaceCertificate.CACertPem));
    }

    [Fact]
    public void A_valid_namespace_passes() => KindAssert.Valid(_kind, Sample());

    [Fact]
    public void Name_is_derived_from_cluster_and_namespace_on_create()
    {
        var ns = Sample();
        ns.Metadata.Name = null;
        _kind.ApplyDefaults(ns);
        Assert.Equal("global-dev", ns.Metadata.Name);
        Assert.Equal(new[] { "namespace" }, ns.Spec.Finalizers!);
        KindAssert.Valid(_kind, ns);
    }

    [Fact]
    public void A_name_that_does_not_match_is_rejected()
    {
        var ns = Sample();
        ns.Metadata.Name = "something-else";
        KindAssert.HasError(KindAssert.Validate(_kind, ns), "metadata.name", FieldErrorKind.Invalid);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("kube-system")]
    [InlineData("kube-public")]
    [InlineData("Dev_Team")]
    public void System_and_malformed_namespaces_are_rejected(string name)
    {
        var ns = Sample();
        ns.Metadata.Name = null;
        ns.Spec.Namespace = name;
        KindAssert.HasError(KindAssert.Validate(_kind, ns), "spec.namespace", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Empty_cluster_and_namespace_are_required()
    {
        var ns = Sample();
        ns.Metadata.Name = null;
        ns.Spec.ClusterName = "";
        ns.Spec.Namespace = "";
        var errors = KindAssert.Validate(_kind, ns);
        KindAssert.HasError(errors, "spec.clusterName", FieldErrorKind.Required);
        KindAssert.HasError(errors, "spec.namespace", FieldErrorKind.Required);
    }

    [Fact]
    public void Quota_quantities_are_checked()
    {
        var ns = Sample();
        ns.Spec.Hard!["limits.memory"] = "four gigs";
        KindAssert.HasError(KindAssert.Validate(_kind, ns), "spec.hard[limits.memory]", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Placement_is_immutable_and_quota_covers_usage()
    {
        var old = Sample();
        old.Status = new NamespaceStatus { Phase = BusinessPhases.Available, Used = new ResourceList { ["requests.cpu"] = "1500m" } };
        var updated = Sample();
        updated.Spec.ClusterName = "cls-other";
        updated.Spec.Namespace = "prod";
        updated.Spec.Hard!["requests.cpu"] = "1";
        var errors = KindAssert.ValidateUpdate(_kind, updated, old);
        KindAssert.HasError(errors, "spec.clusterName", FieldErrorKind.Invalid);
        KindAssert.HasError(errors, "spec.namespace", FieldErrorKind.Invalid);
        KindAssert.HasError(errors, "spec.hard[requests.cpu]", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Only_available_namespaces_can_be_locked()
    {
        var old = Sample();
        old.Status = new NamespaceStatus { Phase = BusinessPhases.Pending };
        var updated = Sample();
        updated.Status = new NamespaceStatus { Phase = BusinessPhases.Locked };
        KindAssert.HasError(KindAssert.ValidateUpdate(_kind, updated, old), "status.phase", FieldErrorKind.Invalid);
        old.Status.Phase = BusinessPhases.Available;
        Assert.Empty(KindAssert.ValidateUpdate(_kind, updated, old));
    }

    [Fact]
    public void Json_uses_TKEStack_field_names()
    {
        var ns = Sample();
        ns.Status = new NamespaceStatus { Phase = BusinessPhases.Available, ResourceQuotaName = "global-dev" };
        var (json, _) = KindAssert.RoundTrip(ns);
        Assert.Equal("prj-abcd1234", KindAssert.At(json, "metadata", "namespace")?.GetValue<string>());
        Assert.Equal("global", KindAssert.At(json, "spec", "clusterName")?.GetValue<string>());
        Assert.Equal("dev", KindAssert.At(json, "spec", "namespace")?.GetValue<string>());
        Assert.Equal("4Gi", KindAssert.At(json, "spec", "hard", "limits.memory")?.GetValue<string>());
        Assert.Equal("global-dev", KindAssert.At(json, "status", "resourceQuotaName")?.GetValue<string>());
    }

    [Fact]
    public void Table_and_field_selectors()
    {
        var ns = Sample();
        ns.Status = new NamespaceStatus { Phase = BusinessPhases.Available };
        var cells = KindAssert.Cells(_kind, ns);
        Assert.Equal("global", cells["Cluster"]);
        Assert.Equal("dev", cells["Namespace"]);
        Assert.Equal("Available", cells["Status"]);
        Assert.Equal("global", KindAssert.Select(_kind, ns, "spec.clusterName"));
        Assert.Equal("default", KindAssert.Select(_kind, ns, "spec.tenantID"));
    }
}

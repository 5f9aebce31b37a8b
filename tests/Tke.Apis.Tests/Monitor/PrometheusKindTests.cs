using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Validation;
using Tke.Apis.Tests.Shared;
using Tke.Monitor.Apis.Prometheuses;
using Tke.Platform.Apis.Addons;
using Tke.Platform.Apis.Shared;

namespace Tke.Apis.Tests.Monitor;

public class PrometheusKindTests
{
    private readonly PrometheusKind _kind = new();

    private static Prometheus Sample() => new()
    {
        ApiVersion = "monitor.tkestack.io/v1",
        Kind = "Prometheus",
        Metadata = new ObjectMeta { Name = "prom-abc" },
        Spec = new PrometheusSpec
        {
            TenantID = "default",
            ClusterName = "cls-abc123",
            Version = "v1.0.0",
            SubVersion = new() { ["node-exporter"] = "v0.18.1" },
            RemoteAddress = new PrometheusRemoteAddress { WriteAddr = ["http://influxdb:8086/api/v1/prom/write?db=monitor"], ReadAddr = ["http://influxdb:8086/api/v1/prom/read?db=monitor"] },
            NotifyWebhook = "https://notify.tke.com/webhook",
            Resources = new ResourceRequirements { Limits = new ResourceList { ["cpu"] = "2", ["memory"] = "4Gi" } },
            RunOnMaster = true,
            AlertRepeatInterval = "20m",
            WithNPD = false,
        },
    };

    [Fact]
    public void Names_scope_and_prefix_are_those_of_TKEStack()
    {
        Assert.Equal("monitor.tkestack.io", _kind.Group);
        Assert.Equal("v1", _kind.Version);
        Assert.Equal("prometheuses", _kind.Plural);
        Assert.Equal("prometheus", _kind.Singular);
        Assert.Equal(KindScope.Cluster, _kind.Scope);
        Assert.Equal("prom-", _kind.DefaultGenerateName);
        Assert.True(_kind.HasStatusSubresource);
    }

    [Fact]
    public void Schema_has_TKEStack_field_names()
    {
        KindAssert.HasFields(_kind, "spec.tenantID", "spec.clusterName", "spec.version", "spec.subVersion", "spec.remoteAddress.writeAddr",
            "spec.remoteAddress.readAddr", "spec.notifyWebhook", "spec.resources.limits", "spec.resources.requests", "spec.runOnMaster",
            "spec.alertRepeatInterval", "spec.withNPD", "status.version", "status.phase", "status.reason", "status.retryCount",
            "status.lastReInitializingTimestamp", "status.subVersion");
    }

    [Fact]
    public void A_valid_prometheus_passes() => KindAssert.Valid(_kind, Sample());

    [Fact]
    public void A_new_stack_starts_initializing()
    {
        var prometheus = Sample();
        _kind.ApplyDefaults(prometheus);
        Assert.Equal(AddonPhases.Initializing, prometheus.Status?.Phase);
    }

    [Fact]
    public void Addresses_and_resources_are_checked()
    {
        var prometheus = Sample();
        prometheus.Spec.RemoteAddress!.WriteAddr = ["influxdb:8086"];
        prometheus.Spec.NotifyWebhook = "not a url";
        prometheus.Spec.Resources!.Limits!["cpu"] = "two";
        prometheus.Spec.ClusterName = "";
        var errors = KindAssert.Validate(_kind, prometheus);
        KindAssert.HasError(errors, "spec.remoteAddress.writeAddr[0]", FieldErrorKind.Invalid);
        KindAssert.HasError(errors, "spec.notifyWebhook", FieldErrorKind.Invalid);
        KindAssert.HasError(errors, "spec.resources.limits[cpu]", FieldErrorKind.Invalid);
        KindAssert.HasError(errors, "spec.clusterName", FieldErrorKind.Required);
    }

    [Fact]
    public void The_stack_stays_in_its_cluster()
    {
        var updated = Sample();
        updated.Spec.ClusterName = "cls-other";
        KindAssert.HasError(KindAssert.ValidateUpdate(_kind, updated, Sample()), "spec.clusterName", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Json_uses_TKEStack_field_names()
    {
        var prometheus = Sample();
        prometheus.Status = new PrometheusStatus { Phase = AddonPhases.Running, Version = "v1.0.0", SubVersion = new() { ["prometheus"] = "v2.16.0" } };
        var (json, back) = KindAssert.RoundTrip(prometheus);
        Assert.Equal("cls-abc123", KindAssert.At(json, "spec", "clusterName")?.GetValue<string>());
        Assert.True(KindAssert.At(json, "spec", "runOnMaster")?.GetValue<bool>());
        Assert.Equal("20m", KindAssert.At(json, "spec", "alertRepeatInterval")?.GetValue<string>());
        Assert.Equal("4Gi", KindAssert.At(json, "spec", "resources", "limits", "memory")?.GetValue<string>());
        Assert.Equal("v2.16.0", KindAssert.At(json, "status", "subVersion", "prometheus")?.GetValue<string>());
        Assert.Equal(0, KindAssert.At(json, "status", "retryCount")?.GetValue<int>());
        Assert.Equal("v0.18.1", back.Spec.SubVersion!["node-exporter"]);
    }

    [Fact]
    public void Table_and_field_selectors()
    {
        var prometheus = Sample();
        prometheus.Status = new PrometheusStatus { Phase = AddonPhases.Running, Version = "v1.0.0" };
        var cells = KindAssert.Cells(_kind, prometheus);
        Assert.Equal("cls-abc123", cells["Cluster"]);
        Assert.Equal("Running", cells["Status"]);
        Assert.Equal("cls-abc123", KindAssert.Select(_kind, prometheus, "spec.clusterName"));
        Assert.Equal("Running", KindAssert.Select(_kind, prometheus, "status.phase"));
    }
}

using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.Application.Apis;
using Tke.Application.Apis.Apps;
using static Tke.Apis.Tests.ApiKindChecks;

namespace Tke.Apis.Tests.Application;

public class AppKindTests
{
    private readonly AppKind _kind = new();

    private static App Sample() => new()
    {
        Metadata = { Name = "app-x1", Namespace = "cls-1" },
        Spec = new AppSpec
        {
            Type = AppTypes.HelmV3,
            TenantId = "default",
            Name = "my-nginx",
            TargetCluster = "cls-1",
            TargetNamespace = "web",
            Chart = new AppChart
            {
                TenantId = "default",
                ChartGroupName = "public",
                ChartName = "nginx",
                ChartVersion = "1.2.3",
                InstallPara = new HelmActionOptions { ClientTimeout = 300_000_000_000, CreateNamespace = true, Atomic = true },
            },
            Values = new AppValues { RawValuesType = RawValuesTypes.Yaml, RawValues = "replicaCount: 2\nimage:\n  tag: v1\n", Values = ["service.type=NodePort"] },
        },
        Status = new AppStatus { Phase = AppPhases.Succeeded, Revision = 2, ReleaseStatus = "deployed" },
    };

    [Fact]
    public void Group_is_well_formed()
    {
        var group = new ApplicationApiGroup();
        WellFormedGroup(group);
        Assert.Equal("application.tkestack.io", group.Name);
        Assert.Equal(["apps", "configmaps"], group.Kinds.Select(k => k.Plural).Order());
        Assert.Equal(KindScope.Namespaced, _kind.Scope);
        Assert.Equal(["app"], _kind.ShortNames);
        Assert.True(_kind.HasStatusSubresource);
        Assert.Equal("app-", _kind.DefaultGenerateName);
    }

    [Fact]
    public void Schema_has_tkestack_field_names()
    {
        HasFields(_kind, "spec.type", "spec.tenantID", "spec.name", "spec.targetCluster", "spec.targetNamespace",
            "spec.chart.tenantID", "spec.chart.chartGroupName", "spec.chart.chartName", "spec.chart.chartVersion",
            "spec.chart.repoURL", "spec.chart.repoUsername", "spec.chart.repoPassword", "spec.chart.importedRepo",
            "spec.chart.installPara.clientTimeout", "spec.chart.installPara.createNamespace", "spec.chart.installPara.atomic",
            "spec.chart.installPara.wait", "spec.chart.installPara.waitForJobs", "spec.chart.upgradePara.clientTimeout",
            "spec.values.rawValuesType", "spec.values.rawValues", "spec.values.values", "spec.finalizers", "spec.dryRun",
            "status.phase", "status.observedGeneration", "status.releaseStatus", "status.releaseLastUpdated", "status.revision",
            "status.rollbackRevision", "status.lastTransitionTime", "status.reason", "status.message", "status.manifest");
        Assert.True(Node(_kind, "spec.chart.repoPassword").Sensitive);
        Assert.Equal("int64", Node(_kind, "spec.chart.installPara.clientTimeout").Format);
        HasEnum(_kind, "spec.values.rawValuesType", "json", "yaml");
    }

    [Fact]
    public void Schema_constrains_the_release_name_as_the_manual_says()
    {
        IsRequired(_kind, "spec", "name");
        IsRequired(_kind, "spec.chart", "chartName");
        IsRequired(_kind, "spec.chart", "chartGroupName");
        Assert.Equal(63, Node(_kind, "spec.name").MaxLength);
        Assert.True(PatternAccepts(_kind, "spec.name", "my-nginx2"));
        Assert.False(PatternAccepts(_kind, "spec.name", "2nginx"));
        Assert.False(PatternAccepts(_kind, "spec.name", "nginx-"));
        Assert.False(PatternAccepts(_kind, "spec.name", "My-nginx"));
        Assert.True(PatternAccepts(_kind, "spec.targetNamespace", ""));
        Assert.False(PatternAccepts(_kind, "spec.targetNamespace", "Web"));
    }

    [Fact]
    public void Valid_sample_passes() => Valid(Create(_kind, Sample()));

    [Fact]
    public void Defaults_fill_type_cluster_chart_tenant_and_values_format()
    {
        var app = Sample();
        app.Spec.Type = "";
        app.Spec.TargetCluster = "";
        app.Spec.Chart.TenantId = "";
        app.Spec.Values!.RawValuesType = null;
        _kind.ApplyDefaults(app);
        Assert.Equal("HelmV3", app.Spec.Type);
        Assert.Equal("cls-1", app.Spec.TargetCluster);
        Assert.Equal("default", app.Spec.Chart.TenantId);
        Assert.Equal("yaml", app.Spec.Values.RawValuesType);
        Valid(Create(_kind, app));
    }

    [Fact]
    public void Type_and_cluster_are_checked()
    {
        var app = Sample();
        app.Spec.Type = "HelmV2";
        Single(Create(_kind, app), "spec.type", FieldErrorKind.NotSupported);

        app = Sample();
        app.Spec.TargetCluster = "";
        app.Metadata.Namespace = null;
        _kind.ApplyDefaults(app);
        Single(Create(_kind, app), "spec.targetCluster", FieldErrorKind.Required);
    }

    [Theory]
    [InlineData("json", "{\"replicaCount\": 2,")]
    [InlineData("yaml", "replicaCount: [2\n")]
    public void Raw_values_must_parse_in_their_format(string type, string raw)
    {
        var app = Sample();
        app.Spec.Values = new AppValues { RawValuesType = type, RawValues = raw };
        Single(Create(_kind, app), "spec.values.rawValues", FieldErrorKind.Invalid);

        app.Spec.Values = new AppValues { RawValuesType = "json", RawValues = "{\"replicaCount\": 2}" };
        Valid(Create(_kind, app));
    }

    [Fact]
    public void Release_identity_is_immutable()
    {
        foreach (var (change, field, errorKind) in new (Action<App>, string, FieldErrorKind)[]
        {
            (a => a.Spec.Name = "other", "spec.name", FieldErrorKind.Invalid),
            (a => a.Spec.TargetCluster = "cls-2", "spec.targetCluster", FieldErrorKind.Invalid),
            (a => a.Spec.TenantId = "t2", "spec.tenantID", FieldErrorKind.Forbidden),
        })
        {
            var changed = Sample();
            change(changed);
            Single(Update(_kind, changed, Sample()), field, errorKind);
        }

        var upgraded = Sample();
        upgraded.Spec.Chart.ChartVersion = "1.3.0";
        Valid(Update(_kind, upgraded, Sample()));
    }

    [Fact]
    public void Json_uses_tkestack_names()
    {
        var json = RoundTrip(Sample());
        Assert.Equal("HelmV3", At(json, "spec.type")!.GetValue<string>());
        Assert.Equal("cls-1", At(json, "spec.targetCluster")!.GetValue<string>());
        Assert.Equal(300_000_000_000, At(json, "spec.chart.installPara.clientTimeout")!.GetValue<long>());
        Assert.False(At(json, "spec.chart.importedRepo")!.GetValue<bool>());
        Assert.Equal("yaml", At(json, "spec.values.rawValuesType")!.GetValue<string>());
        Assert.False(At(json, "spec.dryRun")!.GetValue<bool>());
        Assert.Equal(TimeSpan.FromMinutes(5), Sample().Spec.Chart.InstallPara.Timeout);
    }

    [Fact]
    public void Table_and_selectors()
    {
        var cells = Cells(_kind, Sample());
        Assert.Equal("my-nginx", cells["Release"]);
        Assert.Equal("nginx", cells["Chart"]);
        Assert.Equal("1.2.3", cells["Chart Version"]);
        Assert.Equal("Succeeded", cells["Status"]);
        Assert.Equal("cls-1", cells["Cluster"]);
        foreach (var (field, value) in new[] { ("spec.tenantID", "default"), ("spec.name", "my-nginx"), ("spec.type", "HelmV3"), ("spec.targetCluster", "cls-1"), ("spec.targetNamespace", "web") })
        {
            Assert.Equal(value, Selected(_kind, Sample(), field));
        }
    }
}

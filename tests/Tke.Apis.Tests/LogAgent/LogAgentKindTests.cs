using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.LogAgent.Apis;
using Tke.LogAgent.Apis.LogAgents;
using static Tke.Apis.Tests.ApiKindChecks;
using LogAgentObject = Tke.LogAgent.Apis.LogAgents.LogAgent;

namespace Tke.Apis.Tests.LogAgent;

public class LogAgentKindTests
{
    private readonly LogAgentKind _kind = new();

    private static LogAgentObject Sample() => new()
    {
        Metadata = { Name = "lc-abc" },
        Spec = new LogAgentSpec { TenantId = "default", ClusterName = "cls-1", Version = "1.0.0" },
        Status = new LogAgentStatus { Version = "1.0.0", Phase = LogAgentPhases.Running, RetryCount = 1 },
    };

    [Fact]
    public void Group_is_well_formed()
    {
        var group = new LogAgentApiGroup();
        WellFormedGroup(group);
        Assert.Equal("logagent.tkestack.io", group.Name);
        Assert.Equal(["configmaps", "logagents"], group.Kinds.Select(k => k.Plural).Order());
        Assert.Equal(KindScope.Cluster, _kind.Scope);
        Assert.Equal(["loga"], _kind.ShortNames);
        Assert.True(_kind.HasStatusSubresource);
        Assert.Equal("lc-", _kind.DefaultGenerateName);
    }

    [Fact]
    public void Schema_has_tkestack_field_names()
    {
        HasFields(_kind, "spec.tenantID", "spec.clusterName", "spec.version", "status.version", "status.phase", "status.reason",
            "status.retryCount", "status.lastReInitializingTimestamp");
        IsRequired(_kind, "spec", "clusterName");
    }

    [Fact]
    public void Version_defaults_to_1_0_0()
    {
        var agent = Sample();
        agent.Spec.Version = null;
        _kind.ApplyDefaults(agent);
        Assert.Equal("1.0.0", agent.Spec.Version);
        Valid(Create(_kind, agent));
    }

    [Fact]
    public void Cluster_and_tenant_are_immutable()
    {
        var moved = Sample();
        moved.Spec.ClusterName = "cls-2";
        Single(Update(_kind, moved, Sample()), "spec.clusterName", FieldErrorKind.Invalid);

        var retenanted = Sample();
        retenanted.Spec.TenantId = "t2";
        Single(Update(_kind, retenanted, Sample()), "spec.tenantID", FieldErrorKind.Invalid);

        var upgraded = Sample();
        upgraded.Spec.Version = "1.1.0";
        Valid(Update(_kind, upgraded, Sample()));
    }

    [Fact]
    public void Json_table_and_selectors()
    {
        var json = RoundTrip(Sample());
        Assert.Equal("cls-1", At(json, "spec.clusterName")!.GetValue<string>());
        Assert.Equal(1, At(json, "status.retryCount")!.GetValue<int>());

        var cells = Cells(_kind, Sample());
        Assert.Equal("cls-1", cells["Cluster"]);
        Assert.Equal("1.0.0", cells["Version"]);
        Assert.Equal("Running", cells["Phase"]);
        foreach (var (field, value) in new[] { ("spec.tenantID", "default"), ("spec.clusterName", "cls-1"), ("spec.version", "1.0.0"), ("status.version", "1.0.0"), ("status.phase", "Running") })
        {
            Assert.Equal(value, Selected(_kind, Sample(), field));
        }
    }
}
